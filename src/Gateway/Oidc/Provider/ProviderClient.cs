using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Gateway.Oidc.Provider;

/// <summary>
/// The gateway's calls to its OP's endpoints as a confidential client: pushed authorization (RFC 9126), the token
/// endpoint's three grants (code, refresh, client credentials) and revocation (RFC 7009). Failures are values.
/// </summary>
internal sealed class ProviderClient(IHttpClientFactory httpClients, IOptions<OidcOptions> options, ILogger<ProviderClient> logger)
{
    // Token answers are small; a misbehaving OP does not get to fill memory.
    private const int MaxAnswerBytes = 256 * 1024;

    /// <summary>The <c>request_uri</c> of a pushed request, or null when the OP refused it or could not be reached.</summary>
    public async Task<string?> PushAuthorizationAsync(string endpoint, IEnumerable<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        var (status, json) = await PostAsync(endpoint, parameters, cancellationToken);
        if (status is HttpStatusCode.Created or HttpStatusCode.OK && json is not null
            && json.RootElement.TryGetProperty("request_uri", out var uri) && uri.ValueKind == JsonValueKind.String)
        {
            return uri.GetString();
        }

        ProviderLog.PushedAuthorizationFailed(logger, (int?)status, ErrorOf(json));
        return null;
    }

    public Task<ProviderTokenResponse> RedeemCodeAsync(string endpoint, string code, string redirectUri, string codeVerifier,
        CancellationToken cancellationToken) =>
        TokenAsync(endpoint,
        [
            new(OpenIdConnectParameterNames.GrantType, OpenIdConnectGrantTypes.AuthorizationCode),
            new(OpenIdConnectParameterNames.Code, code),
            new(OpenIdConnectParameterNames.RedirectUri, redirectUri),
            new("code_verifier", codeVerifier),
        ], cancellationToken);

    public Task<ProviderTokenResponse> RefreshAsync(string endpoint, string refreshToken, string? resource, string? scope,
        CancellationToken cancellationToken) =>
        TokenAsync(endpoint, WithOptional(
        [
            new(OpenIdConnectParameterNames.GrantType, OpenIdConnectGrantTypes.RefreshToken),
            new(OpenIdConnectParameterNames.RefreshToken, refreshToken),
        ], resource, scope), cancellationToken);

    public Task<ProviderTokenResponse> ClientCredentialsAsync(string endpoint, string? resource, string? scope, CancellationToken cancellationToken) =>
        TokenAsync(endpoint, WithOptional([new(OpenIdConnectParameterNames.GrantType, OpenIdConnectGrantTypes.ClientCredentials)], resource, scope),
            cancellationToken);

    /// <summary>RFC 7009: true when the OP answered 200 (it also does for a token it no longer knows).</summary>
    public async Task<bool> RevokeRefreshTokenAsync(string endpoint, string refreshToken, CancellationToken cancellationToken)
    {
        var (status, json) = await PostAsync(endpoint,
        [
            new("token", refreshToken),
            new("token_type_hint", OpenIdConnectParameterNames.RefreshToken),
        ], cancellationToken);
        json?.Dispose();
        return status == HttpStatusCode.OK;
    }

    private async Task<ProviderTokenResponse> TokenAsync(string endpoint, List<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        var (status, json) = await PostAsync(endpoint, parameters, cancellationToken);
        using (json)
        {
            if (json is null || status is null)
            {
                return ProviderTokenResponse.Unreachable;
            }

            var root = json.RootElement;
            if (status == HttpStatusCode.OK && String(root, "access_token") is { } accessToken)
            {
                return new ProviderTokenResponse(
                    ProviderCallOutcome.Succeeded,
                    accessToken,
                    String(root, "refresh_token"),
                    String(root, "id_token"),
                    ExpiresIn(root));
            }

            // RFC 6749 section 5.2: an OAuth error is a 400 (401 for a failed client authentication) with "error".
            if (ErrorOf(json) is { } error && (int)status.Value is >= 400 and < 500)
            {
                ProviderLog.TokenRequestRefused(logger, parameters[0].Value, error);
                return ProviderTokenResponse.Refused(error);
            }

            ProviderLog.TokenRequestUnexpectedAnswer(logger, parameters[0].Value, (int)status.Value);
            return ProviderTokenResponse.Unreachable;
        }
    }

    private async Task<(HttpStatusCode? Status, JsonDocument? Json)> PostAsync(string endpoint, IEnumerable<KeyValuePair<string, string>> parameters,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var form = parameters.ToList();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        if (settings.ClientAuthentication == OidcOptions.ClientSecretPost)
        {
            form.Add(new(OpenIdConnectParameterNames.ClientId, settings.ClientId!));
            form.Add(new(OpenIdConnectParameterNames.ClientSecret, settings.ClientSecret!));
        }
        else
        {
            request.Headers.Authorization = BasicCredentials(settings.ClientId!, settings.ClientSecret!);
        }

        request.Content = new FormUrlEncodedContent(form);
        request.Headers.Accept.ParseAdd("application/json");
        try
        {
            using var response = await httpClients.CreateClient(ProviderHttp.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead,
                cancellationToken);
            if (response.Content.Headers.ContentLength > MaxAnswerBytes)
            {
                return (response.StatusCode, null);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var bytes = new byte[MaxAnswerBytes + 1];
            var length = 0;
            int read;
            while (length < bytes.Length && (read = await body.ReadAsync(bytes.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length > MaxAnswerBytes)
            {
                return (response.StatusCode, null);
            }

            try
            {
                return (response.StatusCode, JsonDocument.Parse(bytes.AsMemory(0, length)));
            }
            catch (JsonException)
            {
                return (response.StatusCode, null);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or TimeoutException
            or Polly.Timeout.TimeoutRejectedException)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            ProviderLog.ProviderUnreachable(logger, form[0].Key == OpenIdConnectParameterNames.GrantType ? form[0].Value : "request",
                exception.GetBaseException().Message);
            return (null, null);
        }
    }

    /// <summary>RFC 6749 section 2.3.1: id and secret form-encoded, then Basic.</summary>
    public static AuthenticationHeaderValue BasicCredentials(string clientId, string clientSecret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{FormEncode(clientId)}:{FormEncode(clientSecret)}")));

    private static string FormEncode(string value) => WebUtility.UrlEncode(value);

    private static List<KeyValuePair<string, string>> WithOptional(List<KeyValuePair<string, string>> parameters, string? resource, string? scope)
    {
        if (!string.IsNullOrEmpty(resource))
        {
            parameters.Add(new("resource", resource));
        }

        if (!string.IsNullOrEmpty(scope))
        {
            parameters.Add(new(OpenIdConnectParameterNames.Scope, scope));
        }

        return parameters;
    }

    private static string? ErrorOf(JsonDocument? json) =>
        json is not null && json.RootElement.ValueKind == JsonValueKind.Object ? String(json.RootElement, "error") : null;

    private static string? String(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static TimeSpan? ExpiresIn(JsonElement root)
    {
        if (!root.TryGetProperty("expires_in", out var value))
        {
            return null;
        }

        // Some OPs send the number as a string.
        var seconds = value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var number) => number,
            JsonValueKind.String when long.TryParse(value.GetString(), out var text) => text,
            _ => -1L,
        };
        return seconds > 0 ? TimeSpan.FromSeconds(Math.Min(seconds, (long)TimeSpan.FromDays(365).TotalSeconds)) : null;
    }
}
