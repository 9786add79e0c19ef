using Microsoft.AspNetCore.WebUtilities;

namespace SampleIdentityProvider.Tests.Infrastructure;

/// <summary>The provider's redirect back to the client's redirect URI.</summary>
internal sealed record AuthorizationResponse(Uri Location)
{
    private Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query => QueryHelpers.ParseQuery(Location.Query);

    public string? Code => Get("code");

    public string? State => Get("state");

    public string? Iss => Get("iss");

    public string? Error => Get("error");

    public string? Get(string name) => Query.TryGetValue(name, out var value) ? value.ToString() : null;
}
