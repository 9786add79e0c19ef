using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Gateway.Oidc.Provider;

/// <summary>
/// The OP's discovery document and keys, read on first need and then kept. An OP that cannot be reached (or whose
/// document names another issuer) gives null: callers answer 503, and the next call tries again, so the gateway
/// starts without its OP and logins work as soon as the OP answers. A fetch failure keeps the last good copy.
/// </summary>
internal sealed class ProviderMetadata(
    IHttpClientFactory httpClients,
    IOptions<OidcOptions> options,
    TimeProvider time,
    ILogger<ProviderMetadata> logger) : IDisposable
{
    /// <summary>How long a good copy is used before it is read again (keys rotate; new endpoints appear).</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromHours(1);

    /// <summary>An unknown <c>kid</c> fetches the keys again, at most this often: forged tokens cannot make the gateway hammer the OP.</summary>
    public static readonly TimeSpan KeyRefetchInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _fetching = new(1, 1);
    private OpenIdConnectConfiguration? _current;
    private DateTimeOffset _fetchedAt;

    /// <summary>The current metadata, fetched if there is none yet or the copy is old; null when the OP cannot be reached.</summary>
    public async Task<OpenIdConnectConfiguration?> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && time.GetUtcNow() - _fetchedAt < RefreshInterval)
        {
            return current;
        }

        return await FetchAsync(minimumAge: RefreshInterval, cancellationToken) ?? current;
    }

    /// <summary>A token named a key the current copy does not have: fetch again (throttled) and give what is then known.</summary>
    public async Task<OpenIdConnectConfiguration?> RefreshForUnknownKeyAsync(CancellationToken cancellationToken) =>
        await FetchAsync(minimumAge: KeyRefetchInterval, cancellationToken) ?? Volatile.Read(ref _current);

    private async Task<OpenIdConnectConfiguration?> FetchAsync(TimeSpan minimumAge, CancellationToken cancellationToken)
    {
        await _fetching.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have fetched while this one waited.
            var current = _current;
            if (current is not null && time.GetUtcNow() - _fetchedAt < minimumAge)
            {
                return current;
            }

            var settings = options.Value;
            var retriever = new HttpDocumentRetriever(httpClients.CreateClient(ProviderHttp.ClientName))
            {
                // The validator refuses plain http outside loopback and Development; the library would refuse loopback too.
                RequireHttps = false,
            };
            OpenIdConnectConfiguration fetched;
            try
            {
                fetched = await OpenIdConnectConfigurationRetriever.GetAsync(settings.MetadataAddress, retriever, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Unreachable, timed out, not JSON, keys missing: all mean "no usable OP now".
                ProviderLog.MetadataUnavailable(logger, settings.MetadataAddress, exception.GetBaseException().Message);
                return null;
            }

            if (!settings.IsAuthority(fetched.Issuer))
            {
                ProviderLog.MetadataIssuerMismatch(logger, fetched.Issuer, settings.Authority!);
                return null;
            }

            _fetchedAt = time.GetUtcNow();
            Volatile.Write(ref _current, fetched);
            return fetched;
        }
        finally
        {
            _fetching.Release();
        }
    }

    public void Dispose() => _fetching.Dispose();
}
