using Gateway.Sessions.HotPath;
namespace Gateway.Sessions;

/// <summary>A freshly issued (or grace-period replayed) pair of cookies and the ticket inside the access one.</summary>
internal sealed record IssuedSession(AccessTicket Ticket, string AccessCookie, string RefreshCookie)
{
    /// <summary>Both cookies live as long as the session could: its idle or absolute end, whichever is first.</summary>
    public DateTimeOffset CookiesExpireAt => Ticket.SessionExpiresAt;

    private const char Separator = '.';

    /// <summary>The form kept in the database for the grace period: both cookie values, already ciphertexts.</summary>
    public string ToStoredCookies() => AccessCookie + Separator + RefreshCookie;

    public static (string AccessCookie, string RefreshCookie)? ParseStoredCookies(string? stored)
    {
        var separator = stored?.IndexOf(Separator, StringComparison.Ordinal) ?? -1;
        return separator <= 0 ? null : (stored![..separator], stored[(separator + 1)..]);
    }
}
