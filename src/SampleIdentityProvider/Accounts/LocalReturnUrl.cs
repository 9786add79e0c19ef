namespace SampleIdentityProvider.Accounts;

internal static class LocalReturnUrl
{
    /// <summary>A path on this server (not <c>//host</c> nor <c>/\host</c>, which browsers read as another host).</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);
}
