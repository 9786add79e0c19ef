using System.Net;
using Gateway.Sessions.Login;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc;

/// <summary>
/// Refuses a half-configured OpenID Connect mode at start, one line per problem (CONTRACT-OIDC.md, "Refusing to
/// run unsafely"). Nothing is checked in local mode: the section may stay in the file unused.
/// </summary>
internal sealed class OidcOptionsValidator(IOptions<AuthenticationOptions> authentication, IHostEnvironment environment)
    : IValidateOptions<OidcOptions>
{
    private const string Section = OidcOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, OidcOptions options)
    {
        if (!authentication.Value.IsOidc)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        ValidateAuthority(options, failures);
        Require(options.ClientId, "ClientId", failures);
        Require(options.ClientSecret, "ClientSecret", failures);
        if (options.ClientAuthentication is not (OidcOptions.ClientSecretBasic or OidcOptions.ClientSecretPost))
        {
            failures.Add($"{Section}:ClientAuthentication must be {OidcOptions.ClientSecretBasic} or {OidcOptions.ClientSecretPost}.");
        }

        if (options.Scope.Any(scope => string.IsNullOrWhiteSpace(scope) || scope.Any(c => c <= ' ' || c == '"' || c == '\\' || c > '~')))
        {
            failures.Add($"{Section}:Scope must hold scope names without spaces (RFC 6749 section 3.3).");
        }

        if (options.Resources.Any(resource => !IsResourceIndicator(resource)))
        {
            failures.Add($"{Section}:Resources must hold absolute URIs without a fragment (RFC 8707).");
        }

        if (!Enum.IsDefined(options.PushedAuthorizationBehavior))
        {
            failures.Add($"{Section}:PushedAuthorizationBehavior must be UseIfAvailable, Require or Disable.");
        }

        ValidatePaths(options, failures);
        ValidateTimes(options, failures);
        if (string.IsNullOrWhiteSpace(options.NameClaimType) || string.IsNullOrWhiteSpace(options.RoleClaimType))
        {
            failures.Add($"{Section}:NameClaimType and RoleClaimType must name a claim.");
        }

        if (!TokenTypes.TryParse(options.DefaultTokenType, out _))
        {
            failures.Add($"{Section}:DefaultTokenType must be {TokenTypes.Names}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static bool IsResourceIndicator(string? resource) =>
        Uri.TryCreate(resource, UriKind.Absolute, out var uri) && uri.Fragment.Length == 0 && !resource!.Contains('#', StringComparison.Ordinal);

    private void ValidateAuthority(OidcOptions options, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(options.Authority))
        {
            failures.Add($"{Section}:Authority is required in Oidc mode: the OP's issuer, e.g. https://login.example.com/realms/main.");
            return;
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http")
            || authority.Query.Length > 0 || authority.Fragment.Length > 0)
        {
            failures.Add($"{Section}:Authority must be an absolute https URL without query or fragment: '{options.Authority}'.");
            return;
        }

        if (authority.Scheme == "http" && !environment.IsDevelopment() && !IsLoopback(authority))
        {
            failures.Add(
                $"Refusing to start in the {environment.EnvironmentName} environment: {Section}:Authority '{options.Authority}' is plain http on a non-loopback address; use https.");
        }
    }

    private static void ValidatePaths(OidcOptions options, List<string> failures)
    {
        var paths = new[]
        {
            ("CallbackPath", options.CallbackPath),
            ("SignedOutCallbackPath", options.SignedOutCallbackPath),
            ("BackchannelLogoutPath", options.BackchannelLogoutPath),
        };
        foreach (var (key, path) in paths)
        {
            if (string.IsNullOrEmpty(path) || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal)
                || path.Any(c => char.IsControl(c) || c is '?' or '#' or '\\' or ' '))
            {
                failures.Add($"{Section}:{key} must be a path starting with '/' (no query, no fragment): '{path}'.");
            }
        }

        if (paths.Select(path => path.Item2.TrimEnd('/').ToUpperInvariant()).Distinct().Count() != paths.Length)
        {
            failures.Add($"{Section}:CallbackPath, {Section}:SignedOutCallbackPath and {Section}:BackchannelLogoutPath must differ.");
        }
    }

    private static void ValidateTimes(OidcOptions options, List<string> failures)
    {
        if (options.RefreshBeforeExpiration < TimeSpan.Zero)
        {
            failures.Add($"{Section}:RefreshBeforeExpiration must not be negative.");
        }

        if (options.ProviderTimeout <= TimeSpan.Zero || options.ProviderTimeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{Section}:ProviderTimeout must be more than 0 and at most 2 minutes.");
        }

        if (options.LoginStateLifetime < TimeSpan.FromMinutes(1) || options.LoginStateLifetime > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:LoginStateLifetime must be between 1 minute and 1 hour.");
        }
    }

    private static void Require(string? value, string key, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{Section}:{key} is required in Oidc mode.");
        }
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && IPAddress.IsLoopback(address));
}
