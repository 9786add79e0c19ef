using System.Globalization;

namespace Gateway.Http;

/// <summary>
/// The one way a <c>Retry-After</c> header is written: whole seconds (RFC 9110 section 10.2.3), rounded up and at
/// least 1, so a client never retries before the limit it was told about has passed.
/// </summary>
internal static class RetryAfter
{
    /// <summary>How long a client waits while the database cannot decide.</summary>
    public static readonly TimeSpan Database = TimeSpan.FromSeconds(5);

    /// <summary>How long a client waits while the OpenID Provider cannot be reached.</summary>
    public static readonly TimeSpan Provider = TimeSpan.FromSeconds(5);

    /// <summary>How long a client waits while the gateway has too many password checks in progress.</summary>
    public static readonly TimeSpan Overloaded = TimeSpan.FromSeconds(1);

    public static void Set(HttpResponse response, TimeSpan delay) =>
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
