using Gateway.Hosting;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Hosting;

public sealed class StartupRefusalLoggerFactoryTests
{
    [Fact]
    public void HostLog_OperatorErrorStoppedTheStart_IsDropped()
    {
        var (factory, written) = Create();

        factory.CreateLogger(StartupRefusalLoggerFactory.HostCategory)
            .LogError(new GatewayStartupException("Refusing to start."), "Hosting failed to start");

        Assert.Empty(written);
    }

    // Ctrl+C during the migrations: the host logs the cancelled start as a failure, which it is not.
    [Fact]
    public void HostLog_StopRequestCutTheStartShort_IsDropped()
    {
        var (factory, written) = Create();

        factory.CreateLogger(StartupRefusalLoggerFactory.HostCategory)
            .LogError(new OperationCanceledException(), "Hosting failed to start");

        Assert.Empty(written);
    }

    // A bug stopping the start keeps its log and stack trace.
    [Fact]
    public void HostLog_UnexpectedExceptionStoppedTheStart_IsWritten()
    {
        var (factory, written) = Create();

        factory.CreateLogger(StartupRefusalLoggerFactory.HostCategory)
            .LogError(new InvalidOperationException("Sequence contains no elements"), "Hosting failed to start");

        Assert.Equal(["Hosting failed to start"], written);
    }

    [Fact]
    public void OtherCategory_OperatorError_IsWritten()
    {
        var (factory, written) = Create();

        factory.CreateLogger("Gateway.Hosting.StartupSafetyCheck").LogError(new GatewayStartupException("Refusing to start."), "refused");

        Assert.Equal(["refused"], written);
    }

    private static (StartupRefusalLoggerFactory Factory, List<string> Written) Create()
    {
        var written = new List<string>();
        var factory = new StartupRefusalLoggerFactory(new LoggerFactory([new ListLoggerProvider(written)]));
        return (factory, written);
    }

    private sealed class ListLoggerProvider(List<string> written) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(written);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(List<string> written) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            written.Add(formatter(state, exception));
    }
}
