namespace Gateway.Csrf;

/// <summary>Null reason: allowed. Otherwise why the request was refused (shown to the client, no secrets).</summary>
internal readonly record struct CsrfVerdict(string? RefusedBecause)
{
    public static CsrfVerdict Allowed => default;

    public bool IsAllowed => RefusedBecause is null;

    public static CsrfVerdict Refused(string reason) => new(reason);
}
