using System.CommandLine;
using System.Globalization;
using Gateway.Observability;
using Gateway.Storage;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Admin;

internal static class AuditCommands
{
    public static Command Create(AdminContext context)
    {
        var audit = new Command("audit", "Read the security audit trail.");

        var user = new Option<string>("--user") { Description = "Only events about this user name." };
        var since = new Option<string>("--since") { Description = "Only events after this: an ISO 8601 time (2026-11-23T10:00Z) or a span ago (1.00:00:00 = one day)." };
        var limit = new Option<int>("--limit") { Description = "At most this many events, newest first (default 100).", DefaultValueFactory = _ => 100 };
        var list = new Command("list", "List audit events, newest first.") { user, since, limit };
        list.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var query = services.GetRequiredService<GatewayDbContext>().Set<AuditEvent>().AsNoTracking();
            if (parse.GetValue(user) is { } userName)
            {
                // Events about a known user carry its id; failed sign-ins may name a user that does not exist.
                var known = await services.GetRequiredService<Users.UserService>().FindAsync(userName, ct);
                var id = known?.Id;
                query = query.Where(e => (id != null && e.UserId == id) || e.UserName == userName);
            }

            if (parse.GetValue(since) is { } sinceText)
            {
                var from = ParseSince(sinceText, now);
                query = query.Where(e => e.At >= from);
            }

            var count = parse.GetValue(limit);
            if (count < 1)
            {
                throw new AdminCommandException("--limit must be at least 1.");
            }

            var rows = await query.OrderByDescending(e => e.Id).Take(count).ToListAsync(ct);
            await AdminTable.WriteAsync(context.Console.Out, ["AT", "TYPE", "USER", "SESSION", "IP", "DETAIL"],
                rows.Select(e => new[] { e.At.ToString("u", CultureInfo.InvariantCulture), e.Type, e.UserName ?? e.UserId ?? "", e.SessionId ?? "", e.Ip ?? "", e.Detail ?? "" }));
        }, cancellationToken));

        audit.Subcommands.Add(list);
        return audit;
    }

    private static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var ago) && ago >= TimeSpan.Zero)
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        throw new AdminCommandException($"--since '{text}' is neither a time (2026-11-23T10:00Z) nor a span (1.00:00:00).");
    }
}
