using System.Collections.Frozen;
using Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// The keys this instance signs with and publishes, held in memory: the JWKS, the signer and the hot path's revoked-key
/// probe read only memory. Reloaded from the database every <c>KeyRingRefreshInterval</c> (1 s), so a rotation or a
/// revocation made by the CLI or another instance takes effect within that; the CLI waits that long before it exits.
/// </summary>
internal sealed class SigningKeyRing(
    IServiceScopeFactory scopeFactory,
    DatabaseStartupLock startupLock,
    IDataProtectionProvider dataProtection,
    TimeProvider time,
    IOptions<TokenOptions> options,
    ILogger<SigningKeyRing> logger) : IDisposable
{
    // One reload at a time: a slower one finishing last must not put back a ring without the newest key.
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile RingState _state = RingState.Empty;
    private long _reloadRequests;
    private long _coveredRequests;

    public LoadedSigningKey Signer()
    {
        var keys = _state.Usable;
        var generation = SigningKeySchedule.SignerGeneration(keys.Select(key => key.Times), time.GetUtcNow())
            // A replacement made by `keys revoke` on a machine whose clock runs ahead: published already, so it may sign.
            ?? keys.Select(key => (int?)key.Times.Generation).Min()
            ?? throw new InvalidOperationException("The signing key ring has no usable key; it was not initialized.");
        return keys.First(key => key.Times.Generation == generation);
    }

    /// <summary>What the JWKS publishes: every usable key whose tokens may still be live. Memory only.</summary>
    public IReadOnlyList<LoadedSigningKey> Published()
    {
        var state = _state;
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        return state.Usable.Where(key => SigningKeySchedule.Status(key.Times, state.Schedule, now, lifetime) != SigningKeyStatus.Expired).ToList();
    }

    /// <summary>
    /// Whether <paramref name="kid"/> was revoked (<c>keys revoke</c>): a token it signed is treated as expired. The hot
    /// path asks on every request: a field read while no key was ever revoked, else one set probe.
    /// </summary>
    public bool IsRevoked(string? kid)
    {
        var revoked = _state.Revoked;
        return revoked.Count > 0 && kid is not null && revoked.Contains(kid);
    }

    /// <summary>
    /// Loads the ring and makes sure a key can sign. Fails fast: a gateway that cannot sign must not start.
    /// Under the start-up lock, so instances starting together on an empty database make one first signing key.
    /// </summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await startupLock.RunAsync(async ct =>
        {
            await ReloadAsync(ct);
            await using (var scope = scopeFactory.CreateAsyncScope())
            {
                var store = scope.ServiceProvider.GetRequiredService<SigningKeyStore>();
                await store.EnsureActiveKeyAsync(_state.Usable.Select(key => key.Kid).ToHashSet(), ct);
            }

            await ReloadAsync(ct);
        }, cancellationToken);
    }

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var request = Interlocked.Increment(ref _reloadRequests);
        await _reload.WaitAsync(cancellationToken);
        try
        {
            // A load that began after this call was made reads all this one would: a burst of JWKS requests
            // (an unauthenticated endpoint) costs one database read at a time, shared by those waiting.
            if (_coveredRequests >= request)
            {
                return;
            }

            _coveredRequests = Interlocked.Read(ref _reloadRequests);
            await LoadAsync(cancellationToken);
        }
        finally
        {
            _reload.Release();
        }
    }

    public void Dispose() => _reload.Dispose();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<SigningKeyStore>().ListAsync(cancellationToken);
        var current = _state.Usable.ToDictionary(key => key.Kid);
        var protector = dataProtection.CreateProtector(SigningKeyMaterial.ProtectorPurpose);
        var usable = new List<LoadedSigningKey>(rows.Count);
        foreach (var row in rows.Where(row => row.RevokedAt is null))
        {
            if (current.TryGetValue(row.Kid, out var known))
            {
                usable.Add(known);
                continue;
            }

            try
            {
                usable.Add(SigningKeyMaterial.Load(row, protector));
                TokensLog.SigningKeyLoaded(logger, row.Kid, row.Generation, row.ActivatesAt);
            }
            catch (System.Security.Cryptography.CryptographicException exception)
            {
                // A key protected under a lost Data Protection ring cannot sign; the others still can.
                TokensLog.SigningKeyUnreadable(logger, row.Kid, exception);
            }
        }

        var revoked = rows.Where(row => row.RevokedAt is not null).Select(row => row.Kid).ToFrozenSet(StringComparer.Ordinal);
        // Said once, when this instance first sees it: not for every key revoked before it started.
        foreach (var kid in revoked.Where(kid => _state != RingState.Empty && !_state.Revoked.Contains(kid)))
        {
            TokensLog.SigningKeyRevoked(logger, kid);
        }

        _state = new RingState(usable, SigningKeySchedule.ScheduleOf(rows), revoked);
    }

    /// <summary>One consistent view: the keys that may sign or be published, the schedule they retire by, the revoked kids.</summary>
    private sealed record RingState(IReadOnlyList<LoadedSigningKey> Usable, IReadOnlyList<KeyTimes> Schedule, FrozenSet<string> Revoked)
    {
        public static RingState Empty { get; } = new([], [], FrozenSet<string>.Empty);
    }
}
