using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc;

/// <summary>
/// The URIs registered at the OP: the origin of <c>Gateway:Tokens:Issuer</c> plus each path, never the request's
/// Host header (which a client chooses).
/// </summary>
internal sealed class GatewayUrls(IOptions<TokenOptions> tokens, IOptions<OidcOptions> options)
{
    public string Origin => new Uri(tokens.Value.Issuer).GetLeftPart(UriPartial.Authority);

    public string Callback => Origin + options.Value.CallbackPath;

    public string SignedOutCallback => Origin + options.Value.SignedOutCallbackPath;

    public string BackchannelLogout => Origin + options.Value.BackchannelLogoutPath;
}
