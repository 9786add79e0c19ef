using System.CommandLine;
using Gateway.Oidc.Logout;
using Gateway.Sessions;
using Gateway.Sessions.Login;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

internal static class SessionCommands
{
    public static Command Create(AdminContext context)
    {
        var sessions = new Command("sessions", "List and revoke sessions.");

        var listUser = new Option<string>("--user") { Description = "Only this user's sessions." };
        var list = new Command("list", "List live sessions.") { listUser };
        list.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var oidc = IsOidc(services);
            string? userId = null;
            if (parse.GetValue(listUser) is { } userName)
            {
                // In Oidc mode users are the OP's: --user names the OP's sub.
                userId = oidc ? userName : (await UserCommands.FindAsync(services.GetRequiredService<Users.UserService>(), userName, ct)).Id;
            }

            var db = services.GetRequiredService<GatewayDbContext>();
            var names = await db.Set<Users.User>().AsNoTracking().ToDictionaryAsync(user => user.Id, user => user.Name, ct);
            var rows = (await services.GetRequiredService<DeviceList>().LiveAsync(userId, ct))
                .Select(session => new[]
                {
                    session.Id, session.UserName ?? names.GetValueOrDefault(session.UserId, "?"), session.CreatedAt.ToString("u"), session.LastSeenAt.ToString("u"),
                    DeviceList.EndsAt(session).ToString("u"), session.Ip ?? "", session.UserAgent ?? "",
                });
            await AdminTable.WriteAsync(context.Console.Out, ["ID", "USER", "CREATED", "LAST SEEN", "EXPIRES", "IP", "USER AGENT"], rows);
        }, cancellationToken));

        var revokeUser = new Option<string>("--user") { Description = "Revoke every session of this user." };
        var revokeSession = new Option<string>("--session") { Description = "Revoke this session." };
        var revoke = new Command("revoke", "Revoke sessions: effective at once on every gateway instance (within about a second).")
        {
            revokeUser, revokeSession,
        };
        revoke.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var userName = parse.GetValue(revokeUser);
            var sessionId = parse.GetValue(revokeSession);
            if ((userName is null) == (sessionId is null))
            {
                throw new AdminCommandException("Name exactly one of --user NAME or --session ID.");
            }

            var revoker = services.GetRequiredService<SessionRevoker>();
            int count;
            if (userName is not null)
            {
                var userId = IsOidc(services) ? userName : (await UserCommands.FindAsync(services.GetRequiredService<Users.UserService>(), userName, ct)).Id;
                count = await revoker.RevokeUserSessionsAsync(userId, null, RevocationReasons.Admin, RevocationActors.Admin, null, ct);
            }
            else
            {
                var exists = await services.GetRequiredService<GatewayDbContext>().Set<Session>().AnyAsync(session => session.Id == sessionId, ct);
                if (!exists)
                {
                    throw new AdminCommandException($"No session with id '{sessionId}'.");
                }

                count = await revoker.RevokeAsync(sessionId!, RevocationReasons.Admin, RevocationActors.Admin, null, ct);
            }

            await context.Console.Out.WriteLineAsync($"{count} session(s) revoked.");
            await RevokeAtProviderAsync(context, services, ct);
        }, cancellationToken));

        sessions.Subcommands.Add(list);
        sessions.Subcommands.Add(revoke);
        return sessions;
    }

    public static bool IsOidc(IServiceProvider services) => services.GetRequiredService<IOptions<AuthenticationOptions>>().Value.IsOidc;

    /// <summary>
    /// Oidc mode: the ended sessions' OP refresh tokens are revoked at the OP, as on logout. The gateway does it in the
    /// background; the CLI has no background, so it does it now, once each, before it exits.
    /// </summary>
    private static async Task RevokeAtProviderAsync(AdminContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        var queued = services.GetRequiredService<ProviderRevocationQueue>().TakeQueued();
        if (queued.Count == 0)
        {
            return;
        }

        var revoker = services.GetRequiredService<ProviderRefreshTokenRevoker>();
        var failed = 0;
        foreach (var sessionId in queued)
        {
            if (!await revoker.RevokeAsync(sessionId, retry: false, cancellationToken))
            {
                failed++;
            }
        }

        if (failed > 0)
        {
            await context.Console.Out.WriteLineAsync(
                $"{failed} OP refresh token(s) could not be revoked at the OpenID Provider now; they live until they expire there.");
        }
    }
}
