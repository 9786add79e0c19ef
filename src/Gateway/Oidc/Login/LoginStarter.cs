using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Gateway.Oidc.Provider;
using Gateway.Oidc.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Gateway.Oidc.Login;

/// <summary>
/// <c>GET /auth/login</c>: an authorization code request with PKCE (S256), <c>state</c> and <c>nonce</c>, pushed
/// (RFC 9126) per <c>PushedAuthorizationBehavior</c>, never with a <c>response_mode</c> (query is the code flow's).
/// The login's secrets go into its login-state cookie; nothing is stored on the server.
/// </summary>
internal sealed class LoginStarter(
    ProviderMetadata metadata,
    ProviderClient provider,
    LoginStateCookies loginCookies,
    RouteTokenRequirements routes,
    GatewayUrls urls,
    IOptions<OidcOptions> options,
    TimeProvider time,
    ILogger<LoginStarter> logger)
{
    public async Task<LoginStart> StartAsync(HttpContext context, string returnUrl, string? prompt)
    {
        var configuration = await metadata.GetAsync(context.RequestAborted);
        if (configuration is null || string.IsNullOrEmpty(configuration.AuthorizationEndpoint))
        {
            return LoginStart.ProviderUnavailable;
        }

        var settings = options.Value;
        var login = new LoginState(
            $"{Random(9)}.{Random(24)}",
            Random(24),
            Random(32),
            returnUrl,
            time.GetUtcNow());
        var parameters = new List<KeyValuePair<string, string>>
        {
            new(OpenIdConnectParameterNames.ClientId, settings.ClientId!),
            new(OpenIdConnectParameterNames.ResponseType, OpenIdConnectResponseType.Code),
            new(OpenIdConnectParameterNames.RedirectUri, urls.Callback),
            new(OpenIdConnectParameterNames.Scope, string.Join(' ', Scopes(settings))),
            new(OpenIdConnectParameterNames.State, login.State),
            new(OpenIdConnectParameterNames.Nonce, login.Nonce),
            new("code_challenge", Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(login.CodeVerifier)))),
            new("code_challenge_method", "S256"),
        };
        if (!string.IsNullOrEmpty(prompt))
        {
            parameters.Add(new(OpenIdConnectParameterNames.Prompt, prompt));
        }

        parameters.AddRange(settings.Resources.Concat(routes.UserResources()).Distinct(StringComparer.Ordinal)
            .Select(resource => new KeyValuePair<string, string>("resource", resource)));

        var parEndpoint = configuration.PushedAuthorizationRequestEndpoint;
        var push = settings.PushedAuthorizationBehavior switch
        {
            PushedAuthorizationBehavior.Disable => false,
            PushedAuthorizationBehavior.Require => true,
            _ => !string.IsNullOrEmpty(parEndpoint),
        };
        string url;
        if (push)
        {
            // A refused or failed push is a 503, never a fall-back to a plain redirect (CONTRACT-OIDC.md).
            var requestUri = string.IsNullOrEmpty(parEndpoint) ? null : await provider.PushAuthorizationAsync(parEndpoint, parameters, context.RequestAborted);
            if (requestUri is null)
            {
                LoginLog.PushedAuthorizationUnavailable(logger, string.IsNullOrEmpty(parEndpoint));
                return LoginStart.ProviderUnavailable;
            }

            url = WithQuery(configuration.AuthorizationEndpoint,
                [new(OpenIdConnectParameterNames.ClientId, settings.ClientId!), new("request_uri", requestUri)]);
        }
        else
        {
            url = WithQuery(configuration.AuthorizationEndpoint, parameters);
        }

        loginCookies.Add(context, login);
        return new LoginStart(url);
    }

    /// <summary><c>openid</c> first, then the configured scopes (default: profile, offline_access) and every <c>User</c> route's.</summary>
    private IEnumerable<string> Scopes(OidcOptions settings) =>
        OpenId
            .Concat(settings.Scope.Length > 0 ? settings.Scope : OidcOptions.DefaultScope)
            .Concat(routes.UserScopes())
            .Distinct(StringComparer.Ordinal);

    private static string WithQuery(string endpoint, IEnumerable<KeyValuePair<string, string>> parameters)
    {
        var query = string.Join('&', parameters.Select(parameter => $"{Uri.EscapeDataString(parameter.Key)}={Uri.EscapeDataString(parameter.Value)}"));
        return endpoint + (endpoint.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query;
    }

    private static readonly string[] OpenId = ["openid"];

    private static string Random(int bytes) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));
}
