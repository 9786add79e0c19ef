namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Waits for something another thread does (a background poll, a request reaching the database), checking a
/// condition a bounded number of times. It never waits for time to pass: the fake clock does that.
/// </summary>
internal static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, int attempts = 200)
    {
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }

    public static Task<bool> TrueAsync(Func<bool> condition, int attempts = 200) => TrueAsync(() => Task.FromResult(condition()), attempts);

    /// <summary>Probes until <paramref name="done"/> holds (bounded), then hands back the last value for the test to assert on.</summary>
    public static async Task<T> WaitForAsync<T>(Func<Task<T>> probe, Func<T, bool> done, int attempts = 200)
    {
        var value = await probe();
        for (var attempt = 1; attempt < attempts && !done(value); attempt++)
        {
            await Task.Delay(10);
            value = await probe();
        }

        return value;
    }
}
