using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Sessions.Login;

/// <summary>
/// Nothing an answer carries tells whether an account (or a session id) exists: status, headers and body bytes are
/// compared whole (wrong password against unknown user: Sessions/Endpoints/LoginEndpointTests). Timing is not asserted here;
/// the gateway hashes the same for unknown and locked users by design.
/// </summary>
public sealed class EnumerationTests
{
    [Fact]
    public async Task Login_LockedOutUser_AnswersByteForByteLikeAnUnknownUser()
    {
        await using var gateway = new GatewayFactory(settings: new() { ["Gateway:Lockout:MaxFailedAttempts"] = "2" });
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();
        await browser.LoginAsync("alice", "guess guess guess");
        await browser.LoginAsync("alice", "guess guess guess");

        var lockedOut = await Answer(await browser.LoginAsync("alice", GatewayFactory.Password));
        var unknown = await Answer(await browser.LoginAsync("nobody", GatewayFactory.Password));

        Assert.Equal(unknown, lockedOut);
    }

    // User names are case-insensitive: "ALICE" is the existing alice, and must not answer differently from a stranger.
    [Fact]
    public async Task Login_ExistingUserInAnotherCaseWithWrongPassword_AnswersByteForByteLikeAnUnknownUser()
    {
        await using var gateway = new GatewayFactory();
        await gateway.CreateUserAsync("alice");
        using var browser = gateway.CreateBrowser();

        var otherCase = await Answer(await browser.LoginAsync("ALICE", "guess guess guess"));
        var unknown = await Answer(await browser.LoginAsync("NOBODY", "guess guess guess"));

        Assert.Equal(unknown, otherCase);
    }

    [Fact]
    public async Task RevokeOne_AnotherUsersSessionId_AnswersByteForByteLikeAnUnknownId()
    {
        await using var gateway = new GatewayFactory();
        using var alice = await gateway.SignedInBrowserAsync("alice");
        using var bob = await gateway.SignedInBrowserAsync("bob");
        var bobsSession = (await (await bob.GetAsync("/auth/session")).ReadJsonAsync<JsonElement>()).GetProperty("sessionId").GetString();

        var othersSession = await Answer(await alice.DeleteAsync($"/auth/sessions/{bobsSession}"));
        var unknown = await Answer(await alice.DeleteAsync("/auth/sessions/AAAAAAAAAAAAAAAAAAAAAA"));

        Assert.Equal(unknown, othersSession);
    }

    /// <summary>Status, every header (sorted) and the body bytes, as one comparable string.</summary>
    private static async Task<string> Answer(HttpResponseMessage response)
    {
        var headers = response.Headers.Concat(response.Content.Headers)
            .Select(header => $"{header.Key}: {string.Join(", ", header.Value)}")
            .Order(StringComparer.Ordinal);
        var body = Convert.ToHexString(await response.Content.ReadAsByteArrayAsync());
        return $"{(int)response.StatusCode}\n{string.Join("\n", headers)}\n{body}";
    }
}
