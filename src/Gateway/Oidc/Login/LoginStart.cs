namespace Gateway.Oidc.Login;

/// <summary>Where a started login sends the browser, or null when the OP cannot be reached (503).</summary>
internal sealed record LoginStart(string? AuthorizationUrl)
{
    public static LoginStart ProviderUnavailable { get; } = new((string?)null);
}
