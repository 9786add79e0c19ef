namespace Gateway.RateLimiting;

/// <summary>A budget closed until <see cref="Until"/> whatever its count: the lockout after too many failures.</summary>
internal sealed class LoginLock
{
    public required string Key { get; init; }

    public DateTimeOffset Until { get; set; }
}
