using Gateway.Forwarding;
using Gateway.Observability;
using Gateway.RateLimiting;
using Gateway.Sessions.Revocation;
using Gateway.Users;

namespace Gateway.Sessions.Login;

/// <summary>
/// The login path: validate the input, spend the client's budget, check the credentials (the user name's budgets
/// and lockout for this network; same answer for an unknown user and a wrong password), end the session the
/// request came with, start a new one and remember the network as one the user signs in from.
/// </summary>
internal sealed class LoginService(
    CredentialChecker credentials,
    SessionStarter starter,
    SessionResolver resolver,
    SessionRevoker revoker,
    LoginRateLimits rateLimits,
    SignInNetworks networks,
    AuditTrail audit,
    GatewayMetrics metrics,
    Storage.GatewayDbContext db,
    Storage.DatabaseWriteGate writeGate,
    ILogger<LoginService> logger)
{
    public async Task<LoginResult> LoginAsync(HttpContext context, LoginRequest request)
    {
        if (Validate(request) is { } malformed)
        {
            return LoginResult.Malformed(malformed);
        }

        var userName = request.Username!;
        var client = SessionRequestInfo.From(context);
        var clientIp = ClientNetwork.ClientIp(context);
        if (await rateLimits.TrySpendForClientAsync(clientIp, context.RequestAborted) is { } retryAfter)
        {
            metrics.Login("rate-limited");
            return LoginResult.RateLimited(retryAfter);
        }

        var result = await credentials.CheckAsync(userName, request.Password!, clientIp, context.RequestAborted);
        switch (result.Outcome)
        {
            case CredentialOutcome.RateLimited:
                metrics.Login("rate-limited");
                return LoginResult.RateLimited(result.RetryAfter!.Value);

            case CredentialOutcome.Valid:
                var previous = await resolver.IdentifyAsync(context);
                if (previous is not null)
                {
                    await revoker.RevokeAsync(previous, RevocationReasons.NewLogin, RevocationActors.User, client, context.RequestAborted);
                }

                // Before the session: should this fail, no session exists whose cookies the answer could not carry.
                await networks.RecordAsync(result.User!.Id, result.Network!, context.RequestAborted);
                var session = await starter.StartAsync(result.User!, client, context.RequestAborted);
                metrics.Login("succeeded");
                LoginLog.LoginSucceeded(logger, result.User!.Id, session.Ticket.SessionId);
                return LoginResult.SignedIn(session);

            case CredentialOutcome.Busy:
                metrics.Login("busy");
                return LoginResult.Busy;

            default:
                metrics.Login("failed");
                LoginLog.LoginFailed(logger, result.Outcome, client.Ip);
                audit.Add(AuditEventTypes.LoginFailed, userName: userName, ip: client.Ip, userAgent: client.UserAgent,
                    detail: result.Outcome == CredentialOutcome.LockedOut ? "locked out" : "invalid credentials");
                using (await writeGate.EnterAsync(context.RequestAborted))
                {
                    await db.SaveChangesAsync(context.RequestAborted);
                }

                return LoginResult.Refused;
        }
    }

    private static string? Validate(LoginRequest request)
    {
        if (string.IsNullOrEmpty(request.Username) || string.IsNullOrEmpty(request.Password))
        {
            return "Both username and password are required.";
        }

        if (!UserNameRules.IsValid(request.Username))
        {
            return $"The username must be 1 to {UserNameRules.MaxLength} letters, digits, '.', '_', '-' or '@'.";
        }

        // Twice the policy's maximum in UTF-16 units: no valid password is longer, and PBKDF2 never sees megabytes.
        if (request.Password.Length > PasswordPolicy.MaxLength * 2)
        {
            return $"The password must have at most {PasswordPolicy.MaxLength} characters.";
        }

        return request.Password.Any(char.IsControl) ? "The password must not contain control characters." : null;
    }
}
