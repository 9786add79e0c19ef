using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Hosting;

/// <summary>
/// Where the settings files' watcher and providers, made before the host and its loggers exist, report what became
/// of a change. Until the host starts there is no logger: a change then is only applied or refused.
/// </summary>
internal sealed class ConfigurationReloads
{
    private volatile ILogger _logger = NullLogger.Instance;

    public void Attach(ILogger logger) => _logger = logger;

    public void Reloaded(string file) => ConfigurationFilesLog.Reloaded(_logger, file);

    public void Refused(string reason) => ConfigurationFilesLog.ReloadRefused(_logger, reason);

    public void Failed(Exception exception) =>
        ConfigurationFilesLog.ChangeFailed(_logger, StartupFailure.IsOperatorError(exception) ? StartupFailure.OneLine(exception) : exception.GetBaseException().Message);
}
