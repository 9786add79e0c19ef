using System.Text;

namespace Gateway.Oidc.Login;

/// <summary>
/// Where the browser goes back to after a login or logout: a local path only, so the gateway never becomes an open
/// redirect (CONTRACT-OIDC.md, <c>GET /auth/login</c>): it starts with <c>/</c>, its second character is neither
/// <c>/</c> nor <c>\</c> (both would name another host), it has no control character and at most 2048 characters.
/// </summary>
internal static class ReturnUrl
{
    public const int MaxLength = 2048;
    public const string Default = "/";

    /// <summary>Null when <paramref name="value"/> is acceptable (<paramref name="url"/> is then the one to use), else why not.</summary>
    public static string? Validate(string? value, out string url)
    {
        url = Default;
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (value.Length > MaxLength)
        {
            return $"returnUrl must have at most {MaxLength} characters.";
        }

        if (value[0] != '/' || (value.Length > 1 && value[1] is '/' or '\\'))
        {
            return "returnUrl must be a local path: it starts with a single '/' (not '//' nor '/\\').";
        }

        if (value.Any(char.IsControl))
        {
            return "returnUrl must not contain control characters.";
        }

        url = value;
        return null;
    }

    /// <summary><paramref name="url"/> with <c>name=value</c> added to its query (before any fragment).</summary>
    public static string WithParameter(string url, string name, string value)
    {
        var fragmentAt = url.IndexOf('#', StringComparison.Ordinal);
        var (path, fragment) = fragmentAt < 0 ? (url, "") : (url[..fragmentAt], url[fragmentAt..]);
        var separator = path.Contains('?', StringComparison.Ordinal) ? (path.EndsWith('?') || path.EndsWith('&') ? "" : "&") : "?";
        return $"{path}{separator}{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}{fragment}";
    }

    /// <summary>
    /// A header carries ASCII only: characters outside it (and spaces) are percent-encoded as UTF-8, everything else is
    /// kept as the caller wrote it, so the browser requests exactly the path it was given.
    /// </summary>
    public static string ToLocation(string url)
    {
        if (url.All(c => c is > ' ' and < (char)0x7F))
        {
            return url;
        }

        var location = new StringBuilder(url.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in url.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                location.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var octet in utf8[..length])
            {
                location.Append('%').Append(octet.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return location.ToString();
    }
}
