using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.SampleBackend;

/// <summary>
/// The sample downstream, configured the stock way, against a real gateway: it accepts the gateway's tokens
/// and refuses every classic forgery. Forged tokens carry a real token's payload, so only the named flaw differs.
/// </summary>
public sealed class SampleBackendTests : IAsyncLifetime
{
    private RecordingDownstream _downstream = null!;

    public async Task InitializeAsync() => _downstream = await RecordingDownstream.StartAsync();

    public async Task DisposeAsync() => await _downstream.DisposeAsync();

    [Fact]
    public async Task Me_GatewayToken_Answers200WithCallerFromToken()
    {
        await using var gateway = new GatewayFactory(_downstream);
        var alice = await gateway.CreateUserAsync("alice", GatewayFactory.Password, "admin", "ops");
        using var browser = gateway.CreateBrowser();
        var login = await (await browser.LoginAsync("alice", GatewayFactory.Password)).ReadJsonAsync<JsonElement>();
        var token = await GatewayTokenAsync(browser, "/api/x");
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var me = await response.ReadJsonAsync<JsonElement>();
        Assert.Equal(alice.Id, me.GetProperty("id").GetString());
        Assert.Equal("alice", me.GetProperty("name").GetString());
        Assert.Equal(["admin", "ops"], me.GetProperty("roles").EnumerateArray().Select(role => role.GetString()));
        Assert.Equal(login.GetProperty("sessionId").GetString(), me.GetProperty("sessionId").GetString());
    }

    [Fact]
    public async Task Me_NoToken_Answers401()
    {
        await using var gateway = new GatewayFactory(_downstream);
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    // The control for every forgery below: re-signing a real token's header and payload with the gateway's own
    // key is accepted, so each refusal comes from the one thing the forgery changed.
    [Fact]
    public async Task Me_TokenResignedWithGatewayKey_Answers200()
    {
        await using var gateway = new GatewayFactory(_downstream);
        var token = await SignedInTokenAsync(gateway);
        var signer = GatewaySigner(gateway);
        var resigned = TokenForgery.Sign(TokenForgery.Header(token), TokenForgery.Payload(token), signer.Key, signer.Algorithm);
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, resigned);

        Assert.NotEqual(token, resigned);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Me_AlgNoneToken_Answers401()
    {
        await using var gateway = new GatewayFactory(_downstream);
        var token = await SignedInTokenAsync(gateway);
        var forged = TokenForgery.Unsigned(TokenForgery.Header(token), TokenForgery.Payload(token));
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, forged);

        AssertRefused(response, "signature");
    }

    [Fact]
    public async Task Me_TokenSignedByAttackerKeyUnderGatewayKid_Answers401()
    {
        await using var gateway = new GatewayFactory(_downstream);
        var token = await SignedInTokenAsync(gateway);
        using var attacker = RSA.Create(2048);
        var forged = TokenForgery.Sign(TokenForgery.Header(token), TokenForgery.Payload(token),
            new RsaSecurityKey(attacker), SecurityAlgorithms.RsaSha256);
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, forged);

        Assert.Equal(GatewaySigner(gateway).Key.KeyId, TokenForgery.Header(forged)["kid"]!.GetValue<string>());
        AssertRefused(response, "signature");
    }

    // Algorithm confusion: a validator that picked the algorithm from the header would verify this HMAC with the
    // RSA public key it already trusts. The attacker knows that key from the JWKS, in whichever encoding they guess.
    [Theory]
    [InlineData("pem")]
    [InlineData("der")]
    public async Task Me_Hs256TokenKeyedWithGatewayPublicKey_Answers401(string encoding)
    {
        await using var gateway = new GatewayFactory(_downstream);
        var token = await SignedInTokenAsync(gateway);
        using var published = await PublishedRsaKeyAsync(gateway);
        var secret = encoding == "pem"
            ? Encoding.ASCII.GetBytes(published.ExportSubjectPublicKeyInfoPem())
            : published.ExportSubjectPublicKeyInfo();
        var forged = TokenForgery.Sign(TokenForgery.Header(token), TokenForgery.Payload(token),
            new SymmetricSecurityKey(secret), SecurityAlgorithms.HmacSha256);
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, forged);

        AssertRefused(response, "signature");
    }

    // The backend checks lifetimes with the real clock: a gateway whose clock runs an hour late mints, with its real
    // key, tokens that expired 55 minutes ago.
    [Fact]
    public async Task Me_ExpiredGatewayToken_Answers401()
    {
        await using var gateway = new GatewayFactory(_downstream, clock: new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));
        var token = await SignedInTokenAsync(gateway);
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, token);

        AssertRefused(response, "expired");
    }

    [Fact]
    public async Task Me_GatewayTokenForAnotherCluster_Answers401()
    {
        await using var gateway = new GatewayFactory(_downstream, new()
        {
            ["ReverseProxy:Routes:billing:ClusterId"] = "billing",
            ["ReverseProxy:Routes:billing:Match:Path"] = "/billing/{**rest}",
            ["ReverseProxy:Clusters:billing:Metadata:Audience"] = "billing-api",
            ["ReverseProxy:Clusters:billing:Destinations:d1:Address"] = _downstream.Address,
        });
        using var browser = await gateway.SignedInBrowserAsync();
        var token = await GatewayTokenAsync(browser, "/billing/x");
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, token);

        AssertRefused(response, "audience");
    }

    // Signed with the gateway's real key (read from its ring): only "typ" differs from a token the backend accepts.
    // An ID token or any other JWT of the same issuer must not pass as an access token (RFC 9068 section 4).
    [Fact]
    public async Task Me_GatewaySignedTokenWithTypJwt_Answers401()
    {
        await using var gateway = new GatewayFactory(_downstream);
        var token = await SignedInTokenAsync(gateway);
        var header = TokenForgery.Header(token);
        header["typ"] = "JWT";
        var signer = GatewaySigner(gateway);
        var forged = TokenForgery.Sign(header, TokenForgery.Payload(token), signer.Key, signer.Algorithm);
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, forged);

        // JwtBearer gives no error_description for a wrong type; the control test above shows nothing else is wrong.
        AssertRefused(response);
    }

    // The attacker's keys are really reachable at the URL: a validator that followed the header would accept the token.
    [Theory]
    [InlineData("jku", "/jwks.json")]
    [InlineData("x5u", "/cert.pem")]
    public async Task Me_AttackerSignedTokenPointingToAttackerKeys_Answers401WithoutFetchingThem(string parameter, string path)
    {
        await using var gateway = new GatewayFactory(_downstream);
        var token = await SignedInTokenAsync(gateway);
        using var attacker = RSA.Create(2048);
        await using var keyServer = await AttackerKeyServer.StartAsync(attacker, "attacker-key");
        var header = TokenForgery.Header(token);
        header["kid"] = "attacker-key";
        header[parameter] = keyServer.Address + path;
        var forged = TokenForgery.Sign(header, TokenForgery.Payload(token),
            new RsaSecurityKey(attacker) { KeyId = "attacker-key" }, SecurityAlgorithms.RsaSha256);
        await using var backend = new SampleBackendFactory(gateway);

        var response = await GetMeAsync(backend, forged);

        AssertRefused(response, "signature key was not found");
        Assert.Equal(0, keyServer.Fetches);
    }

    private async Task<string> SignedInTokenAsync(GatewayFactory gateway)
    {
        using var browser = await gateway.SignedInBrowserAsync("alice", "admin");
        return await GatewayTokenAsync(browser, "/api/x");
    }

    /// <summary>The bearer token the gateway forwarded for <paramref name="path"/>, as the downstream received it.</summary>
    private async Task<string> GatewayTokenAsync(BrowserClient browser, string path)
    {
        var response = await browser.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return _downstream.Received.Last().BearerToken!;
    }

    private static SigningCredentials GatewaySigner(GatewayFactory gateway) =>
        gateway.Services.GetRequiredService<SigningKeyRing>().Signer().Credentials;

    private static async Task<RSA> PublishedRsaKeyAsync(GatewayFactory gateway)
    {
        var jwk = (await Jwks.FetchAsync(gateway)).Keys.Single();
        var rsa = RSA.Create();
        rsa.ImportParameters(new RSAParameters { Modulus = Base64UrlEncoder.DecodeBytes(jwk.N), Exponent = Base64UrlEncoder.DecodeBytes(jwk.E) });
        return rsa;
    }

    private static async Task<HttpResponseMessage> GetMeAsync(SampleBackendFactory backend, string? token)
    {
        using var client = backend.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    /// <summary>401 because the token was examined and refused, optionally naming why (JwtBearer's error details).</summary>
    private static void AssertRefused(HttpResponseMessage response, string? because = null)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = response.Headers.WwwAuthenticate.ToString();
        Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        if (because is not null)
        {
            Assert.Contains(because, challenge, StringComparison.OrdinalIgnoreCase);
        }
    }
}
