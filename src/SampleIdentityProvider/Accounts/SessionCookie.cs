using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace SampleIdentityProvider.Accounts;

/// <summary>The provider's own sign-in cookie: who is signed in at the provider, apart from any client.</summary>
internal static class SessionCookie
{
    public const string Scheme = "SampleIdentityProvider.Session";
    public const string Name = "sample-idp.session";
    public const string SubjectClaim = "sub";
    public const string SessionIdClaim = "sid";
    public const string AuthenticationTimeClaim = "auth_time";

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = Name;
        options.Cookie.HttpOnly = true;
        // Lax: the authorization request arrives as a top-level navigation from the client's site.
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.LoginPath = Server.ProviderPaths.Login;
        options.ReturnUrlParameter = "returnUrl";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = false;
        options.Events.OnValidatePrincipal = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<ProviderSessionStore>();
            var sessionId = context.Principal?.FindFirst(SessionIdClaim)?.Value;
            if (sessionId is null || !sessions.IsActive(sessionId))
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(Scheme);
            }
        };
    }
}
