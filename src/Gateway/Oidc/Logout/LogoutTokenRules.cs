using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Oidc.Logout;

/// <summary>
/// What OIDC Back-Channel Logout 1.0 section 2.6 asks of a logout token beyond a valid signature, issuer and audience
/// (checked before, by <see cref="Provider.ProviderTokenValidator"/>): the claims of a logout and of nothing else.
/// </summary>
internal static class LogoutTokenRules
{
    public const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    /// <summary>Null when <paramref name="token"/> is a logout token; else why not.</summary>
    public static string? Check(JsonWebToken token, DateTimeOffset now)
    {
        // typ: absent, JWT, or logout+jwt (with or without its application/ prefix, any case: RFC 7515 section 4.1.9).
        if (token.TryGetHeaderValue<string>("typ", out var typ) && typ is not null
            && !string.Equals(typ, "JWT", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(typ, "logout+jwt", StringComparison.OrdinalIgnoreCase)
            && !string.Equals(typ, "application/logout+jwt", StringComparison.OrdinalIgnoreCase))
        {
            return "typ is neither JWT nor logout+jwt";
        }

        if (!token.TryGetPayloadValue<long>("iat", out var iat))
        {
            return "iat is missing";
        }

        if (DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(iat, 0, 253402300799)) > now + Skew)
        {
            return "iat is in the future";
        }

        if (!token.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti))
        {
            return "jti is missing";
        }

        if (!token.TryGetPayloadValue<JsonElement>("events", out var events) || events.ValueKind != JsonValueKind.Object
            || !events.TryGetProperty(LogoutEvent, out var logout) || logout.ValueKind != JsonValueKind.Object)
        {
            return "events does not hold the back-channel logout event";
        }

        if (Claim(token, "sub") is null && Claim(token, "sid") is null)
        {
            return "neither sub nor sid is present";
        }

        // A nonce would make it an ID token: refused so one can never be replayed as the other.
        return token.TryGetPayloadValue<object>("nonce", out _) ? "nonce is present" : null;
    }

    public static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
