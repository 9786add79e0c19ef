using System.Net.Http.Headers;
using System.Text;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Recording;

/// <summary>How a request authenticated its client, read from the request itself (for the records, not for checking).</summary>
internal static class ClientAuthentication
{
    public static (string? ClientId, string? Method) Read(HttpRequest? http, OpenIddictRequest? request)
    {
        if (http is not null && AuthenticationHeaderValue.TryParse(http.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return (BasicClientId(header.Parameter) ?? request?.ClientId, ClientAuthenticationMethods.ClientSecretBasic);
        }

        return (request?.ClientId, string.IsNullOrEmpty(request?.ClientSecret) ? null : ClientAuthenticationMethods.ClientSecretPost);
    }

    // RFC 6749 §2.3.1: base64 of the form-encoded client id, a colon, the form-encoded secret.
    private static string? BasicClientId(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? Uri.UnescapeDataString(decoded[..colon].Replace('+', ' ')) : null;
        }
        catch (FormatException)
        {
            // A malformed header: OpenIddict refuses the request; the record just has no client id from it.
            return null;
        }
    }
}
