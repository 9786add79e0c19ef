using System.CommandLine;
using Gateway.Hosting;

namespace Gateway.Admin;

/// <summary>
/// <c>users</c>, <c>sessions</c>, <c>keys</c>, <c>audit</c>: the admin commands of the gateway executable. Exit 0 on success,
/// 1 with one line on standard error for an expected failure, 2 for anything else.
/// </summary>
internal static class AdminCli
{
    private static readonly string[] Commands = ["users", "sessions", "keys", "audit"];

    public static bool IsCommand(string[] args) => args.Length > 0 && Commands.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(string[] args, AdminConsole? console = null, Action<IConfigurationBuilder>? configure = null)
    {
        console ??= AdminConsole.System;
        var context = new AdminContext(console, configure);
        var root = new RootCommand("Gateway administration: users, sessions and signing keys.")
        {
            UserCommands.Create(context),
            SessionCommands.Create(context),
            KeyCommands.Create(context),
            AuditCommands.Create(context),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            await console.Error.WriteLineAsync($"gateway: {parsed.Errors[0].Message}");
            return 1;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration
            {
                EnableDefaultExceptionHandler = false,
                Output = console.Out,
                Error = console.Error,
            });
        }
        catch (AdminCommandException exception)
        {
            await console.Error.WriteLineAsync($"gateway: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (StartupFailure.IsOperatorError(exception))
        {
            // A setting the gateway would refuse at start (invalid or unparsable): the operator's to fix.
            await console.Error.WriteLineAsync($"gateway: {StartupFailure.OneLine(exception)}");
            return 1;
        }
        catch (Exception exception)
        {
            // Unexpected: still one line, no stack trace for the operator; the exit code tells it apart.
            await console.Error.WriteLineAsync($"gateway: unexpected error: {exception.GetBaseException().Message}");
            return 2;
        }
    }
}
