namespace Gateway.Csrf;

/// <summary>Origins (RFC 6454) in one comparable form: lower-case scheme and host, default port dropped.</summary>
internal static class RequestOrigin
{
    public static string? Normalize(string? origin)
    {
        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || uri.AbsolutePath is not ("/" or "")
            || !string.IsNullOrEmpty(uri.Query)
            || !string.IsNullOrEmpty(uri.Fragment)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return null;
        }

        // Browsers send internationalized hosts in their ASCII (punycode) form (RFC 6454 section 6.2).
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var host = uri.HostNameType == UriHostNameType.Dns ? uri.IdnHost : uri.Host;
        return $"{uri.Scheme}://{host}{port}".ToLowerInvariant();
    }

    /// <summary>The origin a same-origin browser request to this server carries.</summary>
    public static string? OfRequest(HttpRequest request) =>
        request.Host.HasValue ? Normalize($"{request.Scheme}://{request.Host.Value}") : null;
}
