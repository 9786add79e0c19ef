namespace Gateway.Hosting;

/// <summary>
/// The host logs "Hosting failed to start", and Kestrel "Unable to start Kestrel", with the stack trace of whatever
/// stopped the start. When that is an operator error (<see cref="StartupFailure.IsOperatorError"/>), Program prints
/// the one line that matters and the trace only makes it look like a crash: those entries are dropped. So is the
/// host's cancellation of a start that a stop request cut short (<see cref="GatewayLifetime"/> ends that run quietly; a
/// cancellation nobody asked for still reaches Program, which lets it crash with its trace). Every other failure, and
/// every other log, passes.
/// </summary>
internal sealed class StartupRefusalLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public const string HostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    public const string KestrelCategory = "Microsoft.AspNetCore.Server.Kestrel";

    public ILogger CreateLogger(string categoryName)
    {
        var logger = inner.CreateLogger(categoryName);
        return string.Equals(categoryName, HostCategory, StringComparison.Ordinal) || string.Equals(categoryName, KestrelCategory, StringComparison.Ordinal)
            ? new HostLogger(logger)
            : logger;
    }

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class HostLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && (StartupFailure.IsOperatorError(exception) || exception is OperationCanceledException))
            {
                return;
            }

            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
