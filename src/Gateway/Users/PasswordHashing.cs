using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Gateway.Users;

/// <summary>
/// PBKDF2 through Identity's <see cref="PasswordHasher{TUser}"/>, behind a concurrency limit: a check costs
/// about 56 ms of a core, so at most half the cores hash at once and a short queue absorbs bursts; beyond it
/// callers are told to retry instead of piling up and starving the proxy.
/// </summary>
internal sealed class PasswordHashing : IDisposable
{
    private static readonly User HashOwner = new() { Id = "-", Name = "-", NormalizedName = "-", PasswordHash = "-" };

    private readonly PasswordHasher<User> _hasher;
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, Environment.ProcessorCount / 2),
        QueueLimit = 64,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    private readonly string _dummyHash;

    public PasswordHashing(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<User>(options);

        // Verifying unknown users against a real hash makes them cost the same as known ones.
        _dummyHash = _hasher.HashPassword(HashOwner, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    public string Hash(string password) => _hasher.HashPassword(HashOwner, password);

    /// <summary>Null when the limiter is saturated; otherwise the verification result.</summary>
    public async Task<PasswordVerificationResult?> VerifyAsync(string? hash, string password, CancellationToken cancellationToken)
    {
        using var lease = await _limiter.AcquireAsync(1, cancellationToken);
        if (!lease.IsAcquired)
        {
            return null;
        }

        return _hasher.VerifyHashedPassword(HashOwner, hash ?? _dummyHash, password);
    }

    public void Dispose() => _limiter.Dispose();
}
