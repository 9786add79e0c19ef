namespace Gateway.Sessions.HotPath;

/// <summary>
/// Compares cookie values in full but hashes only their last 32 characters: a Data Protection payload ends with
/// its authentication tag, unique per protected value, so the tail spreads entries as well as the whole would,
/// at a fixed cost instead of one proportional to a ~1 KB cookie. Hashing stays randomized per process, and
/// only verified cookies are ever stored, so nobody can aim collisions at the cache.
/// </summary>
internal sealed class CookieValueComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    private const int HashedTail = 32;

    public static CookieValueComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj) => GetHashCode(obj.AsSpan());

    public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<char> alternate) =>
        string.GetHashCode(alternate.Length > HashedTail ? alternate[^HashedTail..] : alternate, StringComparison.Ordinal);

    public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();
}
