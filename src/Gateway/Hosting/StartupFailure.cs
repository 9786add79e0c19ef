using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Start-up failures an operator causes and fixes (a bad setting, an unsafe set-up, an invalid proxy config),
/// told in one line. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class StartupFailure
{
    private const string ProxyConfigFailure = "Unable to load or apply the proxy configuration.";

    // The configuration binder's message for a value it cannot convert; it names the key, the value and the type.
    private const string UnparsableSetting = "Failed to convert configuration value ";

    public static bool IsOperatorError(Exception exception) =>
        exception is GatewayStartupException or OptionsValidationException
        || exception is InvalidOperationException { Message: ProxyConfigFailure }
        || IsUnparsableSetting(exception);

    public static string OneLine(Exception exception)
    {
        if (IsUnparsableSetting(exception))
        {
            // The inner exceptions only repeat the value in the converter's words.
            return exception.Message.ReplaceLineEndings(" ");
        }

        var causes = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate)
            {
                causes.AddRange(aggregate.InnerExceptions.Select(inner => inner.Message));
                break;
            }

            causes.Add(current.Message);
        }

        return string.Join(" ", causes.Distinct()).ReplaceLineEndings(" ");
    }

    private static bool IsUnparsableSetting(Exception exception) =>
        exception is InvalidOperationException && exception.Message.StartsWith(UnparsableSetting, StringComparison.Ordinal);
}
