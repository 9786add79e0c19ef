using System.CommandLine;
using Gateway.Sessions;
using Gateway.Sessions.Revocation;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

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
            string? userId = null;
            if (parse.GetValue(listUser) is { } userName)
            {
                userId = (await UserCommands.FindAsync(services.GetRequiredService<Users.UserService>(), userName, ct)).Id;
            }

            var db = services.GetRequiredService<GatewayDbContext>();
            var names = await db.Set<Users.User>().AsNoTracking().ToDictionaryAsync(user => user.Id, user => user.Name, ct);
            var rows = (await services.GetRequiredService<DeviceList>().LiveAsync(userId, ct))
                .Select(session => new[]
                {
                    session.Id, names.GetValueOrDefault(session.UserId, "?"), session.CreatedAt.ToString("u"), session.LastSeenAt.ToString("u"),
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
                var user = await UserCommands.FindAsync(services.GetRequiredService<Users.UserService>(), userName, ct);
                count = await revoker.RevokeUserSessionsAsync(user.Id, null, RevocationReasons.Admin, RevocationActors.Admin, null, ct);
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
        }, cancellationToken));

        sessions.Subcommands.Add(list);
        sessions.Subcommands.Add(revoke);
        return sessions;
    }
}
