namespace Gateway.Http;

/// <summary>Stable <c>type</c> URIs of the gateway's problem answers (listed in docs/errors.md).</summary>
internal static class ProblemTypes
{
    private const string Prefix = "urn:gateway:problem:";

    public const string InvalidRequest = Prefix + "invalid-request";
    public const string InvalidCredentials = Prefix + "invalid-credentials";
    public const string Unauthenticated = Prefix + "unauthenticated";
    public const string CsrfRefused = Prefix + "csrf";
    public const string RateLimited = Prefix + "rate-limited";
    public const string DatabaseUnavailable = Prefix + "database-unavailable";
    public const string WeakPassword = Prefix + "weak-password";
    public const string WrongPassword = Prefix + "wrong-password";
    public const string NotFound = Prefix + "not-found";
    public const string PayloadTooLarge = Prefix + "payload-too-large";
    public const string UnsupportedMediaType = Prefix + "unsupported-media-type";
    public const string ServerError = Prefix + "server-error";
    public const string MethodNotAllowed = Prefix + "method-not-allowed";
    public const string Overloaded = Prefix + "overloaded";
    public const string DownstreamUnavailable = Prefix + "downstream-unavailable";
    public const string DownstreamTimedOut = Prefix + "downstream-timeout";
    public const string ProviderUnavailable = Prefix + "provider-unavailable";
    public const string UnknownLoginState = Prefix + "unknown-login-state";
    public const string InvalidLogoutToken = Prefix + "invalid-logout-token";
}
