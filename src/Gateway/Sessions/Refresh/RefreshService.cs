using System.Collections.Concurrent;
using Gateway.Http;
using Gateway.Observability;
using Gateway.RateLimiting;
using Gateway.Sessions.Revocation;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions.Refresh;

/// <summary>
/// Turns a presented refresh token into new cookies or a definitive end. Inside this process, concurrent
/// presenters of one token share a single rotation; across processes the database's conditional update picks
/// the one winner and the others answer with the winner's successor (the grace period).
/// </summary>
internal sealed class RefreshService(
    RefreshTokenStore store,
    SessionIssuer issuer,
    SessionCookieProtector protector,
    IServiceScopeFactory scopeFactory,
    TimeProvider time,
    IOptions<TokenOptions> options,
    GatewayMetrics metrics,
    RefreshRateLimits rateLimits,
    ILogger<RefreshService> logger)
{
    // A winner that loses the update to another process reads again and finds the successor: two rounds suffice.
    private const int MaxRounds = 3;

    // A database that does not answer (black-holed, failing over) must give a 503 within the contract's 10 s, whatever
    // the rounds and statements: past this the rotation gives up. Real time, like the driver's own timeouts.
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    private readonly ConcurrentDictionary<string, Task<RefreshResult>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Rotations under way in this process (one per distinct token presented concurrently).</summary>
    public int InFlightCount => _inFlight.Count;

    public async Task<RefreshResult> RefreshAsync(byte[] refreshToken, SessionRequestInfo client, string audience, CancellationToken cancellationToken)
    {
        var hash = RefreshTokenValue.Hash(refreshToken);
        var flight = new TaskCompletionSource<RefreshResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var shared = _inFlight.GetOrAdd(hash, flight.Task);
        if (shared != flight.Task)
        {
            metrics.Refresh("shared");
            return await shared.WaitAsync(cancellationToken);
        }

        try
        {
            // Counted here, once per shared rotation: a burst of parallel requests is one decision.
            // The rotation is shared: it must not die with the client that happened to start it, only with its deadline.
            using var deadline = new CancellationTokenSource(Deadline);
            var started = time.GetTimestamp();
            var result = rateLimits.TryAcquireDecision(hash) is { } retryAfter
                ? Record(RefreshResult.Throttled(retryAfter))
                : await DecideAsync(hash, client, audience, deadline.Token);
            metrics.RefreshDecided(result.Detail, time.GetElapsedTime(started));
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
            _inFlight.TryRemove(new KeyValuePair<string, Task<RefreshResult>>(hash, flight.Task));
        }
    }

    public Task<string?> FindSessionIdAsync(byte[] refreshToken, CancellationToken cancellationToken) =>
        store.FindSessionIdAsync(RefreshTokenValue.Hash(refreshToken), cancellationToken);

    private async Task<RefreshResult> DecideAsync(string hash, SessionRequestInfo client, string audience, CancellationToken cancellationToken)
    {
        try
        {
            for (var round = 0; round < MaxRounds; round++)
            {
                var now = time.GetUtcNow();
                var state = await store.FindAsync(hash, cancellationToken);
                if (state is null)
                {
                    return Record(RefreshResult.Ended("unknown-token"));
                }

                switch (RefreshRules.Decide(state, now, options.Value.RefreshGracePeriod))
                {
                    case RefreshDecision.Rotate:
                        // Counted once per call (a lost race reads again and may decide Rotate again), before any work.
                        if (round == 0 && rateLimits.TryAcquireRotation(state.SessionId) is { } wait)
                        {
                            return Record(RefreshResult.Throttled(wait));
                        }

                        var issued = issuer.Issue(state.UserId, state.UserName, state.Roles, state.SessionId, state.SessionExpiresAt, now, audience);
                        var write = new RotationWrite(hash, state.SessionId, issued.RefreshHash, issued.Session.ToStoredCookies(), now,
                            issued.RefreshExpiresAt, client);
                        if (await store.TryRotateAsync(write, cancellationToken))
                        {
                            return Record(RefreshResult.Rotated(issued.Session, "rotated"));
                        }

                        // Another process consumed it first, or the session ended meanwhile: read again.
                        continue;

                    case RefreshDecision.UseSuccessor:
                        return Record(FromStoredCookies(state, now, audience));

                    case RefreshDecision.Reuse:
                        await RevokeForReuseAsync(state, client, cancellationToken);
                        return Record(RefreshResult.Ended("reuse-detected"));

                    case RefreshDecision.TokenExpired:
                        return Record(RefreshResult.Ended("refresh-token-expired"));

                    case RefreshDecision.SessionExpired:
                        return Record(RefreshResult.Ended("session-expired"));

                    default:
                        return Record(RefreshResult.Ended("session-revoked"));
                }
            }

            return Record(RefreshResult.Unavailable);
        }
        catch (Exception exception) when (GatewayExceptionHandler.IsDatabaseFailure(exception)
            || exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            RefreshLog.RefreshDatabaseUnavailable(logger, exception);
            return Record(RefreshResult.Unavailable);
        }
    }

    private RefreshResult FromStoredCookies(RefreshTokenState state, DateTimeOffset now, string audience)
    {
        var cookies = IssuedSession.ParseStoredCookies(state.SuccessorCookies);
        var ticket = cookies is null ? null : protector.UnprotectAccess(cookies.Value.AccessCookie);
        if (ticket is null)
        {
            return RefreshResult.Ended("successor-unreadable");
        }

        var successor = new IssuedSession(ticket, cookies!.Value.AccessCookie, cookies.Value.RefreshCookie);
        if (ticket.ExpiresAt > now)
        {
            return RefreshResult.Rotated(successor, "grace-successor");
        }

        // The access lifetime is shorter than the time since the rotation: the stored JWT has expired. Same
        // session, same successor refresh cookie, a new access token: the proxy never forwards an expired one.
        var renewed = issuer.RenewAccess(successor, state.SessionExpiresAt, now, audience);
        return renewed.Ticket.ExpiresAt > now ? RefreshResult.Rotated(renewed, "grace-successor") : RefreshResult.Ended("session-expired");
    }

    private async Task RevokeForReuseAsync(RefreshTokenState state, SessionRequestInfo client, CancellationToken cancellationToken)
    {
        RefreshLog.RefreshReuseDetected(logger, state.SessionId, state.UserId, client.Ip);
        metrics.ReuseDetected();
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditTrail>().Add(AuditEventTypes.RefreshReuseDetected, state.UserId, state.UserName,
            state.SessionId, client.Ip, client.UserAgent, "a consumed refresh token was presented again");
        await scope.ServiceProvider.GetRequiredService<SessionRevoker>()
            .RevokeAsync(state.SessionId, RevocationReasons.Reuse, RevocationActors.System, client, cancellationToken);
    }

    private RefreshResult Record(RefreshResult result)
    {
        metrics.Refresh(result.Detail);
        return result;
    }
}
