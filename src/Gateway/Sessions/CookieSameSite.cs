namespace Gateway.Sessions;

/// <summary>
/// The <c>SameSite</c> values the session cookies may carry. <c>None</c> is not one: it would send the session with
/// every other site's requests. Its own type, so that the configuration binder itself names the choices.
/// </summary>
internal enum CookieSameSite
{
    Strict,
    Lax,
}
