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
    private ConcurrentDictionary<string, string>? _otherAudiences;

    public AccessTicket Ticket { get; } = ticket;

    public string AuthorizationFor(string audience, AccessTokenIssuer issuer)
    {
        if (string.Equals(audience, Ticket.Audience, StringComparison.Ordinal))
        {
            return _ticketBearer;
        }

        var others = _otherAudiences ?? Interlocked.CompareExchange(ref _otherAudiences, new(StringComparer.Ordinal), null) ?? _otherAudiences;
        return others.GetOrAdd(audience, static (aud, state) => "Bearer " + state.issuer.Mint(state.claims, aud), (issuer, claims: Ticket.Claims));
    }
}
