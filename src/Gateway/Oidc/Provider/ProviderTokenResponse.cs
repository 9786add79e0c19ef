namespace Gateway.Oidc.Provider;

internal enum ProviderCallOutcome
{
    Succeeded,

    /// <summary>The OP answered with an OAuth error (<see cref="ProviderTokenResponse.Error"/>): it refused.</summary>
    Refused,

    /// <summary>The OP could not be reached, timed out, or answered something that is not an OAuth answer (a 5xx, HTML).</summary>
    Unreachable,
}

/// <summary>A token endpoint's answer (RFC 6749 section 5). Tokens here are never logged.</summary>
internal sealed record ProviderTokenResponse(
    ProviderCallOutcome Outcome,
    string? AccessToken = null,
    string? RefreshToken = null,
    string? IdToken = null,
    TimeSpan? ExpiresIn = null,
    string? Error = null)
{
    public const string InvalidGrant = "invalid_grant";

    public bool Succeeded => Outcome == ProviderCallOutcome.Succeeded;

    public bool IsInvalidGrant => Outcome == ProviderCallOutcome.Refused && Error == InvalidGrant;

    public static ProviderTokenResponse Unreachable { get; } = new(ProviderCallOutcome.Unreachable);

    public static ProviderTokenResponse Refused(string error) => new(ProviderCallOutcome.Refused, Error: error);
}
