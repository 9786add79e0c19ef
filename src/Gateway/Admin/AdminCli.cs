using System.CommandLine;
using System.CommandLine.Help;
using Gateway.Hosting;
using Gateway.Storage;

namespace Gateway.Admin;

/// <summary>
/// <c>users</c>, <c>sessions</c>, <c>keys</c>, <c>audit</c>: the admin commands of the gateway executable. Exit 0 on success,
/// 1 with one line on standard error for an expected failure, 2 for anything else. <c>--help</c>, <c>help</c> and a
/// command group alone (<c>users</c>) print the usage on standard output and exit 0; none of them starts anything.
/// </summary>
internal static class AdminCli
{
    private const string HelpCommand = "help";

    private static readonly string[] HelpOptions = ["--help", "-h", "-?", "/?", "/h"];

    /// <summary>
    /// Whether the arguments are the CLI's rather than the gateway's: a command word (known or not: a typo must not
    /// start the gateway), or a request for help or the version. The gateway's own arguments are options
    /// (<c>--urls http://...</c>) or <c>key=value</c> settings.
    /// </summary>
    public static bool Handles(string[] args) =>
        args.Length > 0
        && (HelpOptions.Contains(args[0], StringComparer.Ordinal) || args[0] == "--version"
            || (!args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal)));

    public static async Task<int> RunAsync(string[] args, AdminConsole? console = null, Action<IConfigurationBuilder>? configure = null)
    {
        console ??= AdminConsole.System;
        var context = new AdminContext(console, configure);
        var root = new RootCommand(
            "Gateway: a backend-for-frontend authentication gateway, and its administration.\n"
            + "Without a command it runs the gateway, with the settings of appsettings.json in the working folder, environment\n"
            + "variables (Gateway__Tokens__Issuer=...) and host options such as --urls http://localhost:5000.\n"
            + "With a command it administers the gateway's database (it may run while the gateway does).")
        {
            UserCommands.Create(context),
            SessionCommands.Create(context),
            KeyCommands.Create(context),
            AuditCommands.Create(context),
        };
        foreach (var group in root.Subcommands.Where(command => command.Action is null))
        {
            // A group alone ("users") asks what it can do: its usage, not an error.
            group.SetAction(parse => new HelpAction().Invoke(parse));
        }

        if (args.Length > 0 && args[0] == HelpCommand)
        {
            args = [.. args[1..], "--help"];
        }
        else if (args.Length > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !root.Subcommands.Any(command => command.Name == args[0]))
        {
            var known = string.Join(", ", root.Subcommands.Select(command => command.Name).Append(HelpCommand));
            await console.Error.WriteLineAsync($"gateway: unknown command '{args[0]}'; the commands are {known} (without a command the gateway starts).");
            return 1;
        }

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
        catch (Exception exception) when (DatabaseFailures.IsUnavailable(exception))
        {
            // Broken infrastructure, not a wrong command: exit code 2 like any failure the operator did not type.
            await console.Error.WriteLineAsync($"gateway: {DatabaseFailures.Unreachable(exception)}");
            return 2;
        }
        catch (Exception exception)
        {
            // Unexpected: still one line, no stack trace for the operator; the exit code tells it apart.
            await console.Error.WriteLineAsync($"gateway: unexpected error: {exception.GetBaseException().Message}");
            return 2;
        }
    }
}
