using System.Security.Claims;
using OpenIddict.Abstractions;
using SampleIdentityProvider.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace SampleIdentityProvider.Authorization;

/// <summary>Whether an authorization request may use the provider session it came with.</summary>
internal static class LoginRequirement
{
    /// <summary>
    /// A session is not enough when <c>prompt</c> asks for <c>login</c> or <c>select_account</c>, or when it is older
    /// than <c>max_age</c>, unless the user has just signed in for this very request (the login form adds the new
    /// session id to the return URL).
    /// </summary>
    public static bool NeedsFreshLogin(OpenIddictRequest request, ClaimsPrincipal session, IQueryCollection query, DateTimeOffset now)
    {
        var sessionId = session.FindFirst(SessionCookie.SessionIdClaim)?.Value;
        if (sessionId is not null && string.Equals(query[AccountEndpoints.FreshLoginParameter], sessionId, StringComparison.Ordinal))
        {
            return false;
        }

        if (request.HasPromptValue(PromptValues.Login) || request.HasPromptValue(PromptValues.SelectAccount))
        {
            return true;
        }

        return IsOlderThanMaxAge(request, session, now);
    }

    public static bool IsOlderThanMaxAge(OpenIddictRequest request, ClaimsPrincipal session, DateTimeOffset now) =>
        request.MaxAge is { } maxAge && now.ToUnixTimeSeconds() - AuthenticationTime(session) > maxAge;

    public static long AuthenticationTime(ClaimsPrincipal session) =>
        long.TryParse(session.FindFirst(SessionCookie.AuthenticationTimeClaim)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var time) ? time : 0;
}
