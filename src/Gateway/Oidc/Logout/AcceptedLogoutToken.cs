namespace Gateway.Oidc.Logout;

/// <summary>
/// A back-channel logout token already accepted, by <c>jti</c>: a second delivery (a replay, or the OP retrying)
/// changes nothing, on whichever instance it arrives. Kept until the token could no longer be accepted anyway.
/// </summary>
internal sealed class AcceptedLogoutToken
{
    /// <summary>SHA-256 (hex) of the issuer and the <c>jti</c>.</summary>
    public required string Id { get; init; }

    public DateTimeOffset AcceptedAt { get; init; }

    public DateTimeOffset ForgetAt { get; init; }
}
