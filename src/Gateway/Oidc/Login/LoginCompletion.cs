using Gateway.Sessions;

namespace Gateway.Oidc.Login;

/// <summary>
/// What a callback came to. <see cref="UnknownState"/>: no login matches (400, nothing changes). Otherwise a redirect
/// to <see cref="Location"/>, with new session cookies when <see cref="Session"/> is set.
/// </summary>
internal sealed record LoginCompletion(string? Location, IssuedSession? Session, string? Error)
{
    public static LoginCompletion UnknownState { get; } = new(null, null, null);

    public bool IsUnknownState => Location is null;

    public static LoginCompletion Failed(string returnUrl, string error) =>
        new(ReturnUrl.WithParameter(returnUrl, LoginErrors.ParameterName, error), null, error);

    public static LoginCompletion SignedIn(string returnUrl, IssuedSession session) => new(returnUrl, session, null);
}
