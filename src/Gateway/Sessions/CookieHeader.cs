using System.Text;
using Microsoft.Extensions.Primitives;

namespace Gateway.Sessions;

/// <summary>
/// Reads and filters the request's Cookie header without building the framework's cookie dictionary:
/// the hot path looks up one name and must not allocate for the cookies it does not care about.
/// </summary>
internal static class CookieHeader
{
    public static bool TryGetValue(StringValues header, string name, out ReadOnlySpan<char> value)
    {
        for (var i = 0; i < header.Count; i++)
        {
            var line = header[i].AsSpan();
            foreach (var range in line.Split(';'))
            {
                var pair = line[range];
                if (NameOf(pair).SequenceEqual(name))
                {
                    var equals = pair.IndexOf('=');
                    value = equals < 0 ? default : pair[(equals + 1)..].Trim().Trim('"');
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// The header without the cookies <paramref name="drop"/> matches; null when nothing else is left. Returns the
    /// original string when nothing matched, and allocates only when both kinds are present.
    /// </summary>
    public static string? Without(StringValues header, Func<ReadOnlySpan<char>, bool> drop)
    {
        var ours = 0;
        var others = 0;
        for (var i = 0; i < header.Count; i++)
        {
            var line = header[i].AsSpan();
            foreach (var range in line.Split(';'))
            {
                var name = NameOf(line[range]);
                if (name.IsEmpty)
                {
                    continue;
                }

                if (drop(name))
                {
                    ours++;
                }
                else
                {
                    others++;
                }
            }
        }

        if (others == 0)
        {
            return null;
        }

        if (ours == 0 && header.Count == 1)
        {
            return header[0];
        }

        var kept = new StringBuilder();
        for (var i = 0; i < header.Count; i++)
        {
            var line = header[i].AsSpan();
            foreach (var range in line.Split(';'))
            {
                var pair = line[range].Trim();
                var name = NameOf(pair);
                if (name.IsEmpty || drop(name))
                {
                    continue;
                }

                if (kept.Length > 0)
                {
                    kept.Append("; ");
                }

                kept.Append(pair);
            }
        }

        return kept.ToString();
    }

    private static ReadOnlySpan<char> NameOf(ReadOnlySpan<char> pair)
    {
        var equals = pair.IndexOf('=');
        return (equals < 0 ? pair : pair[..equals]).Trim();
    }
}
