namespace SampleIdentityProvider.BackchannelLogout;

/// <summary>What the client answered to a back-channel logout (<paramref name="StatusCode"/> 0: no answer), and the token sent.</summary>
public sealed record BackchannelLogoutResult(int StatusCode, string LogoutToken)
{
    /// <summary>The client answered <c>200</c> (or another 2xx).</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}
