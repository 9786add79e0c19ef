namespace Gateway.Oidc;

/// <summary>What a route's downstream receives in <c>Authorization</c> (route or cluster <c>Metadata:TokenType</c>).</summary>
internal enum TokenType
{
    /// <summary>The gateway's own access JWT, as in local mode.</summary>
    Gateway,

    /// <summary>The OP access token of the signed-in user (for the route's resource/scope).</summary>
    User,

    /// <summary>An OP client-credentials token for the route's resource/scope, shared by all users.</summary>
    Client,

    /// <summary>No <c>Authorization</c> header.</summary>
    None,
}
