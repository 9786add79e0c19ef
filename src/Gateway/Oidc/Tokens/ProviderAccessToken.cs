using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Oidc.Tokens;

/// <summary>An OP access token for one (resource, scope) <see cref="Key"/>, with when it arrived and when it expires.</summary>
internal sealed record ProviderAccessToken(string Key, string Token, DateTimeOffset ReceivedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>Without an <c>expires_in</c> nor a readable JWT <c>exp</c>, a token is taken to live this long (CONTRACT-OIDC.md rule 1).</summary>
    public static readonly TimeSpan AssumedLifetime = TimeSpan.FromMinutes(5);

    /// <summary>Rule 1: its expiry is the time it was received plus <c>expires_in</c>, else the JWT <c>exp</c>, else 5 minutes.</summary>
    public static ProviderAccessToken Received(string key, string token, TimeSpan? expiresIn, DateTimeOffset now)
    {
        if (expiresIn is { } lifetime)
        {
            return new(key, token, now, now + lifetime);
        }

        var handler = new JsonWebTokenHandler();
        if (handler.CanReadToken(token))
        {
            try
            {
                var exp = handler.ReadJsonWebToken(token).ValidTo;
                if (exp > DateTime.UnixEpoch)
                {
                    return new(key, token, now, new DateTimeOffset(exp, TimeSpan.Zero));
                }
            }
            catch (ArgumentException)
            {
                // Not a JWT after all: an opaque token.
            }
        }

        return new(key, token, now, now + AssumedLifetime);
    }

    /// <summary>Rule 1: used as is until it expires within the smaller of <paramref name="refreshBefore"/> and half its lifetime.</summary>
    public DateTimeOffset RefreshAt(TimeSpan refreshBefore)
    {
        var halfLife = (ExpiresAt - ReceivedAt) / 2;
        var margin = halfLife < refreshBefore ? halfLife : refreshBefore;
        return ExpiresAt - (margin < TimeSpan.Zero ? TimeSpan.Zero : margin);
    }
}
