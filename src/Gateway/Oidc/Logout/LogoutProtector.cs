using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.DataProtection;

namespace Gateway.Oidc.Logout;

/// <summary>Logout tickets and logout states as opaque URL-safe strings (Data Protection, one purpose each).</summary>
internal sealed class LogoutProtector(IDataProtectionProvider dataProtection, TimeProvider time)
{
    public const string TicketPurpose = "Gateway.Oidc.LogoutTicket.v1";
    public const string StatePurpose = "Gateway.Oidc.LogoutState.v1";

    /// <summary>How long <c>endSessionUrl</c> and the OP's way back stay usable (CONTRACT-OIDC.md: 5 minutes).</summary>
    public static readonly TimeSpan TicketLifetime = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan StateLifetime = TimeSpan.FromMinutes(30);

    private readonly IDataProtector _tickets = dataProtection.CreateProtector(TicketPurpose);
    private readonly IDataProtector _states = dataProtection.CreateProtector(StatePurpose);

    public string ProtectTicket(string sessionId, string returnUrl) =>
        Protect(_tickets, new LogoutTicket(sessionId, returnUrl, time.GetUtcNow() + TicketLifetime), OidcJsonContext.Default.LogoutTicket);

    public LogoutTicket? UnprotectTicket(string? value) =>
        Unprotect(_tickets, value, OidcJsonContext.Default.LogoutTicket) is { } ticket && ticket.ExpiresAt > time.GetUtcNow() ? ticket : null;

    public string ProtectState(string returnUrl) =>
        Protect(_states, new LogoutState(returnUrl, time.GetUtcNow() + StateLifetime), OidcJsonContext.Default.LogoutState);

    public LogoutState? UnprotectState(string? value) =>
        Unprotect(_states, value, OidcJsonContext.Default.LogoutState) is { } state && state.ExpiresAt > time.GetUtcNow() ? state : null;

    private static string Protect<T>(IDataProtector protector, T value, JsonTypeInfo<T> type) =>
        Base64Url.EncodeToString(protector.Protect(JsonSerializer.SerializeToUtf8Bytes(value, type)));

    private static T? Unprotect<T>(IDataProtector protector, string? value, JsonTypeInfo<T> type)
        where T : class
    {
        if (string.IsNullOrEmpty(value) || value.Length > 4096)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(protector.Unprotect(Base64Url.DecodeFromChars(value)), type);
        }
        catch (Exception exception) when (exception is FormatException or CryptographicException or JsonException)
        {
            return null;
        }
    }
}
