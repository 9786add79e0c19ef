using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace SampleIdentityProvider.Tests.Infrastructure;

/// <summary>The parameters of a code-flow authorization request, as the gateway sends them (a name may repeat).</summary>
internal sealed class AuthorizationRequest
{
    private readonly List<KeyValuePair<string, string?>> _parameters;

    public AuthorizationRequest(string clientId, string redirectUri)
    {
        _parameters =
        [
            new("client_id", clientId),
            new("response_type", "code"),
            new("redirect_uri", redirectUri),
            new("scope", "openid profile offline_access"),
            new("state", Random()),
            new("nonce", Random()),
            new("code_challenge", Pkce.Challenge),
            new("code_challenge_method", "S256"),
        ];
    }

    public Pkce Pkce { get; } = Pkce.Create();

    public IReadOnlyList<KeyValuePair<string, string?>> Parameters => _parameters;

    public string State => Get("state")!;

    public string Nonce => Get("nonce")!;

    public string? Get(string name) => _parameters.FirstOrDefault(parameter => parameter.Key == name).Value;

    /// <summary>Sets <paramref name="name"/> to this one value.</summary>
    public AuthorizationRequest With(string name, string value) => Without(name).Add(name, value);

    /// <summary>Adds one more value of <paramref name="name"/> (several <c>resource</c> parameters, say).</summary>
    public AuthorizationRequest Add(string name, string value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    public AuthorizationRequest Without(string name)
    {
        _parameters.RemoveAll(parameter => parameter.Key == name);
        return this;
    }

    private static string Random() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
}
