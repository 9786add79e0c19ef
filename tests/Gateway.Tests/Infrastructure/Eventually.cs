namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Background work that a clock advance starts (a revocation poll, a key ring reload) finishes on another thread.
/// Probe until it shows, at most 50 times 20 ms, then hand back the last value for the test to assert on.
/// </summary>
internal static class Eventually
{
    private const int Attempts = 50;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(20);

    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var value = await probe();
        for (var attempt = 1; attempt < Attempts && !done(value); attempt++)
        {
            await Task.Delay(Pause);
            value = await probe();
        }

        return value;
    }
}
