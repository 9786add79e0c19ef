using System.Net.Sockets;
using System.Text.Json;
using Gateway.Storage;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Start-up failures an operator causes and fixes (a bad setting, an unknown key, an unsafe set-up, an invalid proxy
/// config, an unreadable settings file, a port in use, a database that cannot be reached), told in one line. Anything
/// else is a bug and keeps its stack trace.
/// </summary>
internal static class StartupFailure
{
    private const string ProxyConfigFailure = "Unable to load or apply the proxy configuration.";

    // The configuration binder's message for a value it cannot convert; it names the key, the value and the type.
    private const string UnparsableSetting = "Failed to convert configuration value ";

    // FileConfigurationProvider's message for a file it could not read; the file's path is quoted in it.
    private const string UnreadableFile = "Failed to load configuration from file '";

    public static bool IsOperatorError(Exception exception) =>
        exception is GatewayStartupException or DatabaseStartupException or OptionsValidationException
        || IsProxyConfigFailure(exception)
        || IsUnparsableSetting(exception)
        || IsUnreadableFile(exception)
        || PortInUse(exception) is not null;

    public static string OneLine(Exception exception)
    {
        if (IsUnparsableSetting(exception))
        {
            // The inner exceptions only repeat the value in the converter's words; for a choice, say what the choices are.
            return Flatten(exception.Message + ChoicesOf(exception.Message));
        }

        if (IsUnreadableFile(exception))
        {
            var file = exception.Message[UnreadableFile.Length..exception.Message.LastIndexOf('\'')];
            return Flatten(ConfigurationFileError(file, exception.InnerException ?? exception));
        }

        if (PortInUse(exception) is { } bindFailure)
        {
            return Flatten($"{bindFailure.Message} Stop what listens there, or choose other addresses with --urls or ASPNETCORE_URLS.");
        }

        if (IsProxyConfigFailure(exception))
        {
            // YARP wraps each error ("An exception was thrown from the configuration callbacks for route 'r1'."): the
            // innermost message is the one that says what is wrong.
            var errors = exception.InnerException is AggregateException aggregate ? aggregate.InnerExceptions : [exception.InnerException ?? exception];
            return Flatten($"Invalid ReverseProxy configuration: {string.Join(" ", errors.Select(error => error.GetBaseException().Message).Distinct())}");
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

        return Flatten(string.Join(" ", causes.Distinct()));
    }

    /// <summary>
    /// Why a settings file could not be read, with the 1-based line of a JSON syntax error (System.Text.Json counts from 0).
    /// </summary>
    public static string ConfigurationFileError(string file, Exception error)
    {
        for (var current = error; current is not null; current = current.InnerException)
        {
            if (current is JsonException { LineNumber: { } line } json)
            {
                var reason = json.Message;
                var details = reason.IndexOf(" Path: ", StringComparison.Ordinal) is >= 0 and var path ? path : reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
                reason = details >= 0 ? reason[..details] : reason;
                return $"{file}, line {line + 1}: {reason}";
            }
        }

        return $"{file}: {error.GetBaseException().Message}";
    }

    /// <summary>" Use one of: Strict, Lax." when the binder's message names an enum type ("... to type 'X'.").</summary>
    private static string ChoicesOf(string binderMessage)
    {
        var start = binderMessage.LastIndexOf(" to type '", StringComparison.Ordinal);
        var end = binderMessage.LastIndexOf('\'');
        if (start < 0 || end <= start)
        {
            return "";
        }

        var typeName = binderMessage[(start + " to type '".Length)..end];
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(assembly => assembly.GetType(typeName, throwOnError: false))
            .FirstOrDefault(found => found is not null);
        return type is { IsEnum: true } ? $" Use one of: {string.Join(", ", Enum.GetNames(type))}." : "";
    }

    private static bool IsProxyConfigFailure(Exception exception) =>
        exception is InvalidOperationException { Message: ProxyConfigFailure };

    private static bool IsUnparsableSetting(Exception exception) =>
        exception is InvalidOperationException && exception.Message.StartsWith(UnparsableSetting, StringComparison.Ordinal);

    private static bool IsUnreadableFile(Exception exception) =>
        exception is InvalidDataException && exception.Message.StartsWith(UnreadableFile, StringComparison.Ordinal)
        && exception.Message.LastIndexOf('\'') >= UnreadableFile.Length;

    /// <summary>Kestrel's "Failed to bind to address ...: address already in use." (or a port the user may not open).</summary>
    private static IOException? PortInUse(Exception exception) =>
        exception is IOException { InnerException: AddressInUseException or SocketException { SocketErrorCode: SocketError.AccessDenied } } bindFailure
            ? bindFailure
            : null;

    private static string Flatten(string text) => text.ReplaceLineEndings(" ");
}
