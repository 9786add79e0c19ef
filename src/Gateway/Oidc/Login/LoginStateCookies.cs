using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Sessions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Gateway.Oidc.Login;

/// <summary>
/// One encrypted login-state cookie per login under way, named after its state's id. <c>SameSite=Lax</c> whatever
/// the session cookies use: the OP's redirect back is a cross-site top-level navigation, which carries Lax cookies
/// and not Strict ones. A browser holds at most <see cref="MaxPerBrowser"/>: a new login clears the oldest.
/// </summary>
internal sealed class LoginStateCookies(IDataProtectionProvider dataProtection, IOptions<GatewayCookieOptions> cookieOptions,
    IOptions<OidcOptions> options)
{
    public const string Purpose = "Gateway.Oidc.LoginState.v1";
    public const int MaxPerBrowser = 5;

    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string Prefix => SessionCookieNames.LoginStatePrefix(cookieOptions.Value.Secure);

    /// <summary>Sets the cookie of <paramref name="state"/>, first clearing the oldest ones so the browser keeps at most five.</summary>
    public void Add(HttpContext context, LoginState state)
    {
        var existing = context.Request.Cookies.Where(cookie => cookie.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(cookie => (Name: cookie.Key, CreatedAt: Read(cookie.Value)?.CreatedAt ?? DateTimeOffset.MinValue))
            .OrderBy(cookie => cookie.CreatedAt)
            .ThenBy(cookie => cookie.Name, StringComparer.Ordinal)
            .ToList();
        foreach (var oldest in existing.Take(Math.Max(0, existing.Count - (MaxPerBrowser - 1))))
        {
            Clear(context.Response, oldest.Name);
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(state, OidcJsonContext.Default.LoginState);
        context.Response.Cookies.Append(Prefix + state.Id, Base64Url.EncodeToString(_protector.Protect(json)), Create(options.Value.LoginStateLifetime));
    }

    /// <summary>
    /// The login named by <paramref name="state"/>, if its cookie came with the request, opens, matches and has not
    /// expired. <paramref name="cookieName"/> is that cookie's name whenever one was present (to clear it).
    /// </summary>
    public LoginState? Find(HttpRequest request, string? state, DateTimeOffset now, out string? cookieName, out bool unreadable)
    {
        cookieName = null;
        unreadable = false;
        var id = LoginState.IdOf(state);
        if (id is null || !request.Cookies.TryGetValue(Prefix + id, out var value))
        {
            return null;
        }

        cookieName = Prefix + id;
        var login = Read(value);
        if (login is null)
        {
            unreadable = true;
            return null;
        }

        var matches = CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(login.State), System.Text.Encoding.UTF8.GetBytes(state!));
        return matches && now - login.CreatedAt < options.Value.LoginStateLifetime && login.CreatedAt <= now + TimeSpan.FromMinutes(1)
            ? login
            : null;
    }

    /// <summary>Same name, <c>Path=/</c> and <c>Secure</c> as when set: browsers ignore a deletion that differs.</summary>
    public void Clear(HttpResponse response, string name) =>
        response.Cookies.Delete(name, Create(maxAge: null, expires: DateTimeOffset.UnixEpoch));

    private LoginState? Read(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > SessionCookieProtector.MaxCookieLength)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(Base64Url.DecodeFromChars(value)), OidcJsonContext.Default.LoginState);
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            return null;
        }
    }

    private CookieOptions Create(TimeSpan? maxAge, DateTimeOffset? expires = null) => new()
    {
        HttpOnly = true,
        Secure = cookieOptions.Value.Secure,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        MaxAge = maxAge,
        Expires = expires,
        IsEssential = true,
    };
}
