using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.Observability;
using Gateway.Oidc.Provider;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc.Tokens;

/// <summary>
/// <c>Client</c> routes: an OP client-credentials token per (resource, scope), shared by every user and instance and
/// kept until it needs refreshing (rule 1). One request to the OP per (resource, scope) at a time, cluster-wide: a
/// flight per key in this process, a lease on the key's row across instances. Any failure without a still-valid
/// token is a 503.
/// </summary>
internal sealed class ClientTokenService(
    ProviderTokenCache cache,
    ClientTokenStore store,
    ProviderMetadata metadata,
    ProviderClient provider,
    IOptions<OidcOptions> options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<ClientTokenService> logger)
{
    /// <summary>The cache's session slot for tokens that belong to no session.</summary>
    private const string Shared = "";

    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Task<ProviderTokenResult>> _flights = new(StringComparer.Ordinal);
    private readonly string _holder = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    public ValueTask<ProviderTokenResult> GetAsync(RouteTokenSettings route, CancellationToken cancellationToken)
    {
        if (cache.TryGet(Shared, route.Key, out var cached) && time.GetUtcNow() < cached.Token.RefreshAt(options.Value.RefreshBeforeExpiration))
        {
            return ValueTask.FromResult(ProviderTokenResult.From(cached));
        }

        return new ValueTask<ProviderTokenResult>(GetSlowAsync(route, cancellationToken));
    }

    private async Task<ProviderTokenResult> GetSlowAsync(RouteTokenSettings route, CancellationToken cancellationToken)
    {
        var flight = new TaskCompletionSource<ProviderTokenResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _flights.GetOrAdd(route.Key, flight.Task);
        if (shared != flight.Task)
        {
            return await shared.WaitAsync(cancellationToken);
        }

        try
        {
            var result = await ObtainAsync(route, CancellationToken.None);
            flight.SetResult(result);
            return result;
        }
        catch (Exception exception)
        {
            flight.SetException(exception);
            throw;
        }
        finally
        {
            _flights.TryRemove(new KeyValuePair<string, Task<ProviderTokenResult>>(route.Key, flight.Task));
        }
    }

    private async Task<ProviderTokenResult> ObtainAsync(RouteTokenSettings route, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = Stopwatch.GetTimestamp();
        var maxWait = settings.ProviderTimeout * 2 + TimeSpan.FromSeconds(2);
        long? leasedVersionSeen = null;
        while (true)
        {
            var (version, current, leaseExpiresAt) = await store.ReadAsync(route.Key, cancellationToken);
            var now = time.GetUtcNow();
            if (current is not null && now < current.RefreshAt(settings.RefreshBeforeExpiration))
            {
                return ProviderTokenResult.From(cache.Put(Shared, version, current));
            }

            if (leaseExpiresAt > now)
            {
                if (Stopwatch.GetElapsedTime(started) > maxWait)
                {
                    return StillValidOrUnavailable(current, now);
                }

                leasedVersionSeen = version;
                await Task.Delay(LeasePollInterval, cancellationToken);
                continue;
            }

            if (leasedVersionSeen == version)
            {
                return StillValidOrUnavailable(current, now);
            }

            if (!await store.TryLeaseAsync(route.Key, version, _holder, now, now + settings.ProviderTimeout * 2 + TimeSpan.FromSeconds(5), cancellationToken))
            {
                continue;
            }

            var configuration = await metadata.GetAsync(cancellationToken);
            var answer = string.IsNullOrEmpty(configuration?.TokenEndpoint)
                ? ProviderTokenResponse.Unreachable
                : await provider.ClientCredentialsAsync(configuration.TokenEndpoint, route.Resource, route.Scope, cancellationToken);
            now = time.GetUtcNow();
            if (!answer.Succeeded)
            {
                await store.ReleaseAsync(route.Key, _holder, cancellationToken);
                metrics.ClientToken("failed");
                TokensLog.ClientTokenUnavailable(logger, route.Resource, route.Scope);
                return StillValidOrUnavailable(current, now);
            }

            var token = ProviderAccessToken.Received(route.Key, answer.AccessToken!, answer.ExpiresIn, now);
            await store.TryWriteAsync(token, version, _holder, cancellationToken);
            metrics.ClientToken("obtained");
            return ProviderTokenResult.From(cache.Put(Shared, version + 1, token));
        }
    }

    private static ProviderTokenResult StillValidOrUnavailable(ProviderAccessToken? current, DateTimeOffset now) =>
        current is not null && now < current.ExpiresAt
            ? new ProviderTokenResult(ProviderTokenOutcome.Token, "Bearer " + current.Token)
            : ProviderTokenResult.Unavailable;
}
