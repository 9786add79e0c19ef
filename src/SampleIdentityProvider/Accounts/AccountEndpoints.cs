using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using SampleIdentityProvider.Recording;
using SampleIdentityProvider.Server;

namespace SampleIdentityProvider.Accounts;

/// <summary>The login form and the pages around it.</summary>
internal static class AccountEndpoints
{
    /// <summary>Added to the return URL after a login, so that <c>prompt=login</c> sees this login was fresh.</summary>
    public const string FreshLoginParameter = "fresh_login";

    public static IEndpointRouteBuilder MapProviderAccounts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ProviderPaths.Login, ShowLogin);
        endpoints.MapPost(ProviderPaths.Login, LoginAsync);
        endpoints.MapGet(ProviderPaths.LoggedOut, () => Html(LoginPage.Message("Signed out", "You are signed out of the sample provider.")));
        endpoints.MapGet("/", () => Html(LoginPage.Message("Sample OpenID Provider", "See /.well-known/openid-configuration.")));
        return endpoints;
    }

    private static ContentHttpResult ShowLogin(string? returnUrl) =>
        Html(LoginPage.Render(LocalReturnUrl.IsLocal(returnUrl) ? returnUrl! : "/", error: null));

    private static async Task<Results<RedirectHttpResult, ContentHttpResult>> LoginAsync(
        HttpContext http, UserDirectory users, ProviderSessionStore sessions, ProviderRecorder recorder, TimeProvider time)
    {
        // Read by hand rather than bound: a sample login form without antiforgery tokens (login CSRF is accepted here).
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = LocalReturnUrl.IsLocal(form["returnUrl"]) ? form["returnUrl"].ToString() : "/";
        var user = users.CheckPassword(form["username"].ToString(), form["password"].ToString());
        if (user is null)
        {
            return Html(LoginPage.Render(returnUrl, "Invalid user name or password."), StatusCodes.Status401Unauthorized);
        }

        var now = time.GetUtcNow();
        var sessionId = sessions.Start(user.EffectiveSubject);
        var identity = new ClaimsIdentity(
        [
            new Claim(SessionCookie.SubjectClaim, user.EffectiveSubject),
            new Claim(SessionCookie.SessionIdClaim, sessionId),
            new Claim(SessionCookie.AuthenticationTimeClaim, now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], SessionCookie.Scheme);
        await http.SignInAsync(SessionCookie.Scheme, new ClaimsPrincipal(identity));
        recorder.RecordLogin(new ProviderLoginRecord(now, user.UserName, user.EffectiveSubject, sessionId));

        var target = returnUrl.StartsWith(ProviderPaths.Authorization + "?", StringComparison.Ordinal)
            ? QueryHelpers.AddQueryString(returnUrl, FreshLoginParameter, sessionId)
            : returnUrl;
        return TypedResults.Redirect(target);
    }

    private static ContentHttpResult Html(string html, int statusCode = StatusCodes.Status200OK) =>
        TypedResults.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
}
