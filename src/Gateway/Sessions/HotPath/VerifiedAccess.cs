using System.Collections.Concurrent;
using Gateway.Tokens;

namespace Gateway.Sessions.HotPath;

/// <summary>
/// An access cookie already decrypted and checked, with the ready-made <c>Authorization</c> values per audience,
/// so a request with a cached cookie neither decrypts nor signs nor concatenates.
/// </summary>
internal sealed class VerifiedAccess(AccessTicket ticket)
{
    private readonly string _ticketBearer = "Bearer " + ticket.Jwt;
    private ConcurrentDictionary<string, (string Bearer, string Kid)>? _otherAudiences;

    public AccessTicket Ticket { get; } = ticket;

    public string AuthorizationFor(string audience, AccessTokenIssuer issuer)
    {
        if (string.Equals(audience, Ticket.Audience, StringComparison.Ordinal))
        {
            return _ticketBearer;
        }

        var others = _otherAudiences ?? Interlocked.CompareExchange(ref _otherAudiences, new(StringComparer.Ordinal), null) ?? _otherAudiences;
        var minted = others.GetOrAdd(audience, static (aud, state) => MintFor(aud, state.issuer, state.claims), (issuer, claims: Ticket.Claims));
        if (issuer.IsRevokedKey(minted.Kid))
        {
            // Minted before its key was revoked (keys revoke): mint again with the key that signs now.
            minted = MintFor(audience, issuer, Ticket.Claims);
            others[audience] = minted;
        }

        return minted.Bearer;
    }

    private static (string Bearer, string Kid) MintFor(string audience, AccessTokenIssuer issuer, AccessTokenClaims claims)
    {
        var jwt = issuer.Mint(claims, audience, out var kid);
        return ("Bearer " + jwt, kid);
    }
}
