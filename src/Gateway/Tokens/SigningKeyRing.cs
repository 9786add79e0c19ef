using Gateway.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// The keys this instance signs with and publishes, read from the database and refreshed periodically so a
/// rotation made by the CLI or another instance signs within a second; the JWKS reads the database itself.
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
    private volatile IReadOnlyList<LoadedSigningKey> _keys = [];
    private long _reloadRequests;
    private long _coveredRequests;

    public LoadedSigningKey Signer()
    {
        var keys = _keys;
        var generation = SigningKeySchedule.SignerGeneration(keys.Select(key => key.Times), time.GetUtcNow())
            ?? throw new InvalidOperationException("The signing key ring has no active key; it was not initialized.");
        return keys.First(key => key.Times.Generation == generation);
    }

    public IReadOnlyList<LoadedSigningKey> Published()
    {
        var keys = _keys;
        var now = time.GetUtcNow();
        var times = keys.Select(key => key.Times).ToList();
        var lifetime = options.Value.AccessTokenLifetime;
        return keys.Where(key => SigningKeySchedule.Status(key.Times, times, now, lifetime) != SigningKeyStatus.Expired).ToList();
    }

    /// <summary>
    /// What the JWKS publishes, read from the database now: a key rotated in by the CLI or another instance is
    /// published at once. If the database cannot be read, the keys already known (never an error: downstreams
    /// fetch the JWKS when they meet a key id they lack).
    /// </summary>
    public async Task<IReadOnlyList<LoadedSigningKey>> PublishedNowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ReloadAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The database may be briefly unreachable: publish what this instance knows.
            TokensLog.KeyRingReloadFailed(logger, exception);
        }

        return Published();
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
                await store.EnsureActiveKeyAsync(_keys.Select(key => key.Kid).ToHashSet(), ct);
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
        var current = _keys.ToDictionary(key => key.Kid);
        var protector = dataProtection.CreateProtector(SigningKeyMaterial.ProtectorPurpose);
        var loaded = new List<LoadedSigningKey>(rows.Count);
        foreach (var row in rows)
        {
            if (current.TryGetValue(row.Kid, out var known))
            {
                loaded.Add(known);
                continue;
            }

            try
            {
                loaded.Add(SigningKeyMaterial.Load(row, protector));
                TokensLog.SigningKeyLoaded(logger, row.Kid, row.Generation, row.ActivatesAt);
            }
            catch (System.Security.Cryptography.CryptographicException exception)
            {
                // A key protected under a lost Data Protection ring cannot sign; the others still can.
                TokensLog.SigningKeyUnreadable(logger, row.Kid, exception);
            }
        }

        _keys = loaded;
    }
}
