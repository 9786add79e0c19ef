using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Gateway.TestSupport;
using Microsoft.AspNetCore.WebUtilities;

namespace SampleIdentityProvider.Tests.Infrastructure;

/// <summary>
/// A browser (cookies, redirects not followed) and the gateway's back channel, talking to a <see cref="TestIdentityProvider"/>
/// over real HTTP.
/// </summary>
internal sealed class OidcTestClient : IDisposable
{
    private readonly TestIdentityProvider _provider;

    public OidcTestClient(TestIdentityProvider provider)
    {
        _provider = provider;
        Browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri(provider.Authority),
        };
        BackChannel = new HttpClient { BaseAddress = new Uri(provider.Authority) };
    }

    public HttpClient Browser { get; }

    public HttpClient BackChannel { get; }

    public string RedirectUri => _provider.Options.GatewayOrigin + _provider.Options.RedirectPath;

    public AuthorizationRequest NewRequest() => new(_provider.ClientId, RedirectUri);

    public Task<HttpResponseMessage> AuthorizeAsync(AuthorizationRequest request) =>
        Browser.GetAsync(QueryHelpers.AddQueryString("/connect/authorize", request.Parameters));

    /// <summary>Follows the provider's redirects, signing in at the login form on the way if asked to, up to the client's redirect URI.</summary>
    public async Task<AuthorizationResponse> CompleteAsync(HttpResponseMessage response, string user = "alice", string password = "alice-demo-password")
    {
        for (var hops = 0; hops < 5; hops++)
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = new Uri(new Uri(_provider.Authority), response.Headers.Location!);
            if (location.AbsoluteUri.StartsWith(RedirectUri, StringComparison.Ordinal))
            {
                return new AuthorizationResponse(location);
            }

            response = location.AbsolutePath == "/account/login"
                ? await PostLoginAsync(QueryHelpers.ParseQuery(location.Query)["returnUrl"]!, user, password)
                : await Browser.GetAsync(location);
        }

        throw new InvalidOperationException("Too many redirects.");
    }

    public async Task<AuthorizationResponse> SignInAsync(AuthorizationRequest request, string user = "alice", string password = "alice-demo-password") =>
        await CompleteAsync(await AuthorizeAsync(request), user, password);

    public Task<HttpResponseMessage> PostLoginAsync(string returnUrl, string user, string password) =>
        Browser.PostAsync("/account/login", new FormUrlEncodedContent(
            new Dictionary<string, string> { ["username"] = user, ["password"] = password, ["returnUrl"] = returnUrl }));

    /// <summary>Signs alice in and redeems the code: the tokens the gateway would hold.</summary>
    public async Task<TokenResponse> SignInAndRedeemAsync(AuthorizationRequest? request = null, string user = "alice", string password = "alice-demo-password")
    {
        request ??= NewRequest();
        var response = await SignInAsync(request, user, password);
        return await RedeemAsync(response.Code!, request.Pkce.Verifier);
    }

    public Task<TokenResponse> RedeemAsync(string code, string verifier, ClientAuth auth = ClientAuth.Basic) => TokenAsync(auth,
        ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", RedirectUri), ("code_verifier", verifier));

    public Task<TokenResponse> RefreshAsync(string refreshToken, ClientAuth auth = ClientAuth.Basic, params (string Name, string Value)[] extra) =>
        TokenAsync(auth, [("grant_type", "refresh_token"), ("refresh_token", refreshToken), .. extra]);

    public Task<TokenResponse> ClientCredentialsAsync(ClientAuth auth = ClientAuth.Basic, params (string Name, string Value)[] extra) =>
        TokenAsync(auth, [("grant_type", "client_credentials"), .. extra]);

    public async Task<TokenResponse> TokenAsync(ClientAuth auth, params (string Name, string Value)[] parameters) =>
        await TokenResponse.ReadAsync(await PostAsync("/connect/token", auth, parameters));

    public Task<HttpResponseMessage> RevokeAsync(string token, string hint, ClientAuth auth = ClientAuth.Basic) =>
        PostAsync("/connect/revoke", auth, ("token", token), ("token_type_hint", hint));

    public async Task<HttpResponseMessage> PostAsync(string path, ClientAuth auth, params (string Name, string Value)[] parameters)
    {
        var fields = parameters.Select(parameter => KeyValuePair.Create(parameter.Name, parameter.Value)).ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (auth == ClientAuth.Basic)
        {
            var credentials = Uri.EscapeDataString(_provider.ClientId) + ":" + Uri.EscapeDataString(_provider.ClientSecret);
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            fields.Add(KeyValuePair.Create("client_id", _provider.ClientId));
            fields.Add(KeyValuePair.Create("client_secret", _provider.ClientSecret));
        }

        request.Content = new FormUrlEncodedContent(fields);
        return await BackChannel.SendAsync(request);
    }

    public void Dispose()
    {
        Browser.Dispose();
        BackChannel.Dispose();
    }
}
