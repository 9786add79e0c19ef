namespace SampleIdentityProvider.Configuration;

/// <summary>Refuses settings the provider cannot run with, naming the key.</summary>
internal static class SampleIdentityProviderOptionsValidator
{
    public static IReadOnlyList<string> Validate(SampleIdentityProviderOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrEmpty(options.Issuer) && !IsHttpUri(options.Issuer, allowPath: true))
        {
            errors.Add("Provider:Issuer must be an absolute http(s) URI.");
        }

        if (!IsHttpUri(options.GatewayOrigin, allowPath: false))
        {
            errors.Add("Provider:GatewayOrigin must be an http(s) origin, without a path.");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            errors.Add("Provider:ClientId and Provider:ClientSecret must be set.");
        }

        foreach (var (key, path) in new[] { ("RedirectPath", options.RedirectPath), ("PostLogoutRedirectPath", options.PostLogoutRedirectPath), ("BackchannelLogoutPath", options.BackchannelLogoutPath) })
        {
            if (!path.StartsWith('/'))
            {
                errors.Add($"Provider:{key} must start with '/'.");
            }
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            errors.Add("Provider:AccessTokenLifetime and Provider:RefreshTokenLifetime must be positive.");
        }

        if (options.RefreshTokenReuseLeeway < TimeSpan.Zero)
        {
            errors.Add("Provider:RefreshTokenReuseLeeway must not be negative.");
        }

        errors.AddRange(options.Resources
            .Where(resource => !Uri.TryCreate(resource, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment))
            .Select(resource => $"Provider:Resources: '{resource}' is not an absolute URI without a fragment."));

        if ((options.SigningKeyPem is null) != (options.EncryptionKey is null))
        {
            errors.Add("Provider:SigningKeyPem and Provider:EncryptionKey go together.");
        }

        if (options.EncryptionKey is { } encryptionKey && (!Convert.TryFromBase64String(encryptionKey, new byte[encryptionKey.Length], out var length) || length != 32))
        {
            errors.Add("Provider:EncryptionKey must be 32 bytes in base64.");
        }

        if (options.Users.Any(user => string.IsNullOrEmpty(user.UserName) || string.IsNullOrEmpty(user.Password)))
        {
            errors.Add("Provider:Users: every user needs a UserName and a Password.");
        }

        if (options.Users.Select(user => user.UserName).Distinct(StringComparer.OrdinalIgnoreCase).Count() != options.Users.Count
            || options.Users.Select(user => user.EffectiveSubject).Distinct(StringComparer.Ordinal).Count() != options.Users.Count)
        {
            errors.Add("Provider:Users: user names and subjects must be unique.");
        }

        return errors;
    }

    private static bool IsHttpUri(string value, bool allowPath) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment)
        && (allowPath || uri.AbsolutePath == "/");
}
