namespace Gateway.Sessions.Revocation;

/// <summary>Who ended a session, as the audit trail records it.</summary>
internal static class RevocationActors
{
    public const string User = "user";
    public const string Admin = "admin";
    public const string System = "system";

    /// <summary>The OpenID Provider (a back-channel logout, a refused refresh).</summary>
    public const string Provider = "provider";
}
