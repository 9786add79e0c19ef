using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Gateway.Observability;
using Gateway.Oidc.Provider;
using Gateway.Sessions;
using Gateway.Sessions.Revocation;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc.Tokens;

/// <summary>
/// The OP access token a <c>User</c> route forwards (CONTRACT-OIDC.md, refresh rules 1-8). A live token in memory
/// costs no database read. A refresh is one call to the OP per session however many requests and instances need it:
/// in this process, concurrent requests of a session share one flight; across instances, the flight's owner takes a
/// lease on the session's grant row (conditional on the version it read) and the others wait for the version to
/// change. The tokens for several resources share the session's one refresh token, so they are refreshed one at a time.
/// </summary>
internal sealed class UserTokenService(
    ProviderTokenCache cache,
    ProviderGrantStore store,
    ProviderMetadata metadata,
    ProviderClient provider,
    IServiceScopeFactory scopeFactory,
    IOptions<OidcOptions> options,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<UserTokenService> logger)
{
    // Reads of a row whose lease another instance holds, and flights this process waits for, before giving up.
    private const int MaxRounds = 8;

    private static readonly TimeSpan LeasePollInterval = TimeSpan.FromMilliseconds(50);

    private readonly ConcurrentDictionary<string, Task<(string Key, ProviderTokenResult Result)>> _flights = new(StringComparer.Ordinal);

    /// <summary>Names this process as a lease holder (diagnostics: which instance is refreshing).</summary>
    private readonly string _holder = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(12));

    /// <summary>The hot path: a cached token that needs no refresh yet is answered synchronously.</summary>
    public ValueTask<ProviderTokenResult> GetAsync(string sessionId, RouteTokenSettings route, CancellationToken cancellationToken)
    {
        if (cache.TryGet(sessionId, route.Key, out var cached) && time.GetUtcNow() < cached.Token.RefreshAt(options.Value.RefreshBeforeExpiration))
        {
            return ValueTask.FromResult(ProviderTokenResult.From(cached));
        }

        return new ValueTask<ProviderTokenResult>(GetSlowAsync(sessionId, route, cancellationToken));
    }

    private async Task<ProviderTokenResult> GetSlowAsync(string sessionId, RouteTokenSettings route, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            if (cache.TryGet(sessionId, route.Key, out var cached) && time.GetUtcNow() < cached.Token.RefreshAt(options.Value.RefreshBeforeExpiration))
            {
                return ProviderTokenResult.From(cached);
            }

            var flight = new TaskCompletionSource<(string Key, ProviderTokenResult Result)>(TaskCreationOptions.RunContinuationsAsynchronously);
            var shared = _flights.GetOrAdd(sessionId, flight.Task);
            if (shared != flight.Task)
            {
                // Another request of this session is already at it: its answer is ours if it was for our token;
                // otherwise (another resource) ours comes after it, with the refresh token it leaves.
                var (key, result) = await shared.WaitAsync(cancellationToken);
                if (key == route.Key && result.Outcome != ProviderTokenOutcome.Token)
                {
                    return result;
                }

                continue;
            }

            try
            {
                // Shared by every waiting request: it must not die with the client that happened to start it.
                var result = await RefreshAsync(sessionId, route, CancellationToken.None);
                flight.SetResult((route.Key, result));
                return result;
            }
            catch (Exception exception)
            {
                flight.SetException(exception);
                throw;
            }
            finally
            {
                _flights.TryRemove(new KeyValuePair<string, Task<(string Key, ProviderTokenResult Result)>>(sessionId, flight.Task));
            }
        }

        return ProviderTokenResult.Unavailable;
    }

    /// <summary>The database and the OP: read, take the lease or wait for its holder, refresh, write.</summary>
    private async Task<ProviderTokenResult> RefreshAsync(string sessionId, RouteTokenSettings route, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Waiting for another instance's call to the OP is bounded in real time, as that call is (whatever clock the rules use).
        var started = Stopwatch.GetTimestamp();
        var maxWait = settings.ProviderTimeout * 2 + TimeSpan.FromSeconds(2);
        long? leasedVersionSeen = null;
        while (true)
        {
            var state = await store.ReadAsync(sessionId, cancellationToken);
            if (state is null)
            {
                // No grant: not an OP session (a local one left from before the switch), or it was removed.
                return ProviderTokenResult.SessionEnded;
            }

            var now = time.GetUtcNow();
            var current = state.Find(route.Key);
            if (current is not null && now < current.RefreshAt(settings.RefreshBeforeExpiration))
            {
                return ProviderTokenResult.From(cache.Put(sessionId, state.Version, current));
            }

            if (state.RefreshToken is null)
            {
                return await WithoutRefreshTokenAsync(sessionId, state, current, now);
            }

            if (state.IsLeased(now))
            {
                // Another instance is refreshing: wait for the version to change, then read again.
                if (Stopwatch.GetElapsedTime(started) > maxWait)
                {
                    return StillValidOrUnavailable(current, now);
                }

                leasedVersionSeen = state.Version;
                await Task.Delay(LeasePollInterval, cancellationToken);
                continue;
            }

            if (leasedVersionSeen == state.Version)
            {
                // The lease we waited for ended without a new version: its holder's refresh failed. Its failure is
                // ours; asking the OP again right away would only double the load on an OP in trouble.
                return StillValidOrUnavailable(current, now);
            }

            var leaseUntil = now + settings.ProviderTimeout * 2 + TimeSpan.FromSeconds(5);
            if (!await store.TryLeaseAsync(sessionId, state.Version, _holder, now, leaseUntil, cancellationToken))
            {
                // Another instance took it (or wrote a new version) between our read and our update: read again.
                continue;
            }

            return await RefreshUnderLeaseAsync(state, current, route, cancellationToken);
        }
    }

    private async Task<ProviderTokenResult> RefreshUnderLeaseAsync(ProviderGrantState state, ProviderAccessToken? current, RouteTokenSettings route,
        CancellationToken cancellationToken)
    {
        var configuration = await metadata.GetAsync(cancellationToken);
        var answer = string.IsNullOrEmpty(configuration?.TokenEndpoint)
            ? ProviderTokenResponse.Unreachable
            : await provider.RefreshAsync(configuration.TokenEndpoint, state.RefreshToken!, route.Resource, route.Scope, cancellationToken);
        var now = time.GetUtcNow();
        if (answer.Succeeded)
        {
            var token = ProviderAccessToken.Received(route.Key, answer.AccessToken!, answer.ExpiresIn, now);
            var tokens = state.AccessTokens.Where(existing => existing.Key != route.Key).Append(token).ToList();

            // Rule 3: a new refresh token replaces the old one; without one, the old one stays.
            var written = await store.TryWriteAsync(state.SessionId, state.Version, _holder, answer.RefreshToken ?? state.RefreshToken, answer.IdToken,
                tokens, now, cancellationToken);
            if (!written)
            {
                // Only when our lease expired under us (a call longer than the lease): the token is good all the same.
                TokensLog.RefreshNotStored(logger, state.SessionId);
            }

            metrics.ProviderRefresh("refreshed");
            return ProviderTokenResult.From(cache.Put(state.SessionId, state.Version + 1, token));
        }

        await store.ReleaseAsync(state.SessionId, _holder, cancellationToken);
        if (answer.IsInvalidGrant)
        {
            metrics.ProviderRefresh("invalid-grant");
            await EndSessionAsync(state.SessionId, RevocationReasons.ProviderRefused);
            return ProviderTokenResult.SessionEnded;
        }

        metrics.ProviderRefresh("unavailable");
        return StillValidOrUnavailable(current, now);
    }

    /// <summary>The OP issued no refresh token: the token is used until it expires, then the session ends.</summary>
    private async Task<ProviderTokenResult> WithoutRefreshTokenAsync(string sessionId, ProviderGrantState state, ProviderAccessToken? current, DateTimeOffset now)
    {
        if (current is not null && now < current.ExpiresAt)
        {
            return ProviderTokenResult.From(cache.Put(sessionId, state.Version, current));
        }

        if (current is null && state.AccessTokens.Count > 0 && state.AccessTokens.Any(token => now < token.ExpiresAt))
        {
            // A token for another resource cannot be had without a refresh token; the session itself lives on.
            return ProviderTokenResult.Unavailable;
        }

        await EndSessionAsync(sessionId, RevocationReasons.ProviderTokenExpired);
        return ProviderTokenResult.SessionEnded;
    }

    /// <summary>Rule 5: the current token while it has not expired, else 503.</summary>
    private static ProviderTokenResult StillValidOrUnavailable(ProviderAccessToken? current, DateTimeOffset now) =>
        current is not null && now < current.ExpiresAt
            ? new ProviderTokenResult(ProviderTokenOutcome.Token, "Bearer " + current.Token)
            : ProviderTokenResult.Unavailable;

    private async Task EndSessionAsync(string sessionId, string reason)
    {
        TokensLog.SessionEndedByProvider(logger, sessionId, reason);
        cache.Forget(sessionId);
        await using var scope = scopeFactory.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SessionRevoker>()
            .RevokeAsync(sessionId, reason, RevocationActors.Provider, client: null, CancellationToken.None);
    }
}
