using System.Net;
using System.Text.Json;

namespace SampleIdentityProvider.Tests.Infrastructure;

/// <summary>A token endpoint answer: its status and JSON body.</summary>
internal sealed record TokenResponse(HttpStatusCode Status, JsonElement Body)
{
    public string? AccessToken => Get("access_token");

    public string? RefreshToken => Get("refresh_token");

    public string? IdToken => Get("id_token");

    public string? Error => Get("error");

    public string? Get(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static async Task<TokenResponse> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return new TokenResponse(response.StatusCode, body);
    }
}
