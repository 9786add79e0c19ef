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
}
