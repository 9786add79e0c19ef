using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Csrf;

/// <summary>
/// Refuses requests a browser made on another site's behalf. A custom header (<c>X-CSRF: 1</c>) cannot be
/// sent cross-origin without a CORS preflight the gateway never grants; <c>Origin</c> and
/// <c>Sec-Fetch-Site</c>, set by the browser, catch what the header rule alone would let through.
/// WebSocket handshakes cannot carry custom headers, so on proxied protected routes they must come from an allowed
/// origin instead; everywhere else (the gateway's own <c>/auth/*</c>) an Upgrade header changes nothing.
/// </summary>
internal sealed class CsrfGuard(IOptions<CsrfOptions> options, IOptions<TokenOptions> tokenOptions)
{
    public const string HeaderName = "X-CSRF";
    public const string HeaderValue = "1";

    public CsrfVerdict Check(HttpRequest request, bool requireHeader, bool webSocketsAllowed = false)
    {
        if (webSocketsAllowed && WebSocketUpgrade.IsRequested(request))
        {
            return IsConfiguredOrigin(RequestOrigin.Normalize(request.Headers.Origin))
                ? CsrfVerdict.Allowed
                : CsrfVerdict.Refused("WebSocket handshakes must come from the gateway's own origin or an allowed one.");
        }

        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        var origin = request.Headers.Origin.ToString();
        if (fetchSite.Equals("cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return CsrfVerdict.Refused("The browser reports this request as cross-site.");
        }

        if (origin.Length > 0 && !IsAllowedOrigin(request, RequestOrigin.Normalize(origin)))
        {
            return CsrfVerdict.Refused("The request's Origin is not allowed.");
        }

        if (fetchSite.Equals("same-site", StringComparison.OrdinalIgnoreCase) && origin.Length == 0)
        {
            // Another origin of the same site (a sibling subdomain) without an Origin to allow it by.
            return CsrfVerdict.Refused("The browser reports this request as coming from another origin.");
        }

        if (requireHeader && !string.Equals(request.Headers[HeaderName].ToString(), HeaderValue, StringComparison.Ordinal))
        {
            return CsrfVerdict.Refused($"The {HeaderName}: {HeaderValue} header is required.");
        }

        return CsrfVerdict.Allowed;
    }

    private bool IsAllowedOrigin(HttpRequest request, string? origin) =>
        origin is not null && (origin == RequestOrigin.OfRequest(request) || IsConfiguredOrigin(origin));

    private bool IsConfiguredOrigin(string? origin)
    {
        if (origin is null)
        {
            return false;
        }

        if (origin == RequestOrigin.Normalize(new Uri(tokenOptions.Value.Issuer).GetLeftPart(UriPartial.Authority)))
        {
            return true;
        }

        return options.Value.AllowedOrigins.Any(allowed => RequestOrigin.Normalize(allowed) == origin);
    }
}
