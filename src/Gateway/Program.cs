using Gateway.Admin;
using Gateway.Hosting;

namespace Gateway;

/// <summary>The gateway, or the admin CLI when the first argument names a command.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        if (AdminCli.Handles(args))
        {
            return await AdminCli.RunAsync(args);
        }

        try
        {
            await GatewayLifetime.RunAsync(GatewayApplication.Build(args));
            return 0;
        }
        catch (Exception exception) when (StartupFailure.IsOperatorError(exception))
        {
            await Console.Error.WriteLineAsync($"gateway: {StartupFailure.OneLine(exception)}");
            return 1;
        }
    }
}
