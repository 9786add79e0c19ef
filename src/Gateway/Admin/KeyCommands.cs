using System.CommandLine;
using Gateway.Observability;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

internal static class KeyCommands
{
    public static Command Create(AdminContext context)
    {
        var keys = new Command("keys", "List and rotate the token signing keys.");

        var list = new Command("list", "List signing keys and their status.");
        list.SetAction((_, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var rows = await services.GetRequiredService<SigningKeyStore>().ListAsync(ct);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var lifetime = services.GetRequiredService<IOptions<TokenOptions>>().Value.AccessTokenLifetime;
            var ring = rows.Select(row => new KeyTimes(row.Generation, row.ActivatesAt)).ToList();
            await AdminTable.WriteAsync(context.Console.Out, ["KID", "ALG", "GENERATION", "CREATED", "SIGNS FROM", "STATUS"],
                rows.Select(row => new[]
                {
                    row.Kid, row.Algorithm, row.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.CreatedAt.ToString("u"), row.ActivatesAt.ToString("u"),
                    SigningKeySchedule.Status(new KeyTimes(row.Generation, row.ActivatesAt), ring, now, lifetime).ToString().ToLowerInvariant(),
                }));
        }, cancellationToken));

        var now = new Option<bool>("--now") { Description = "Sign with the new key at once instead of after KeyPublicationDelay." };
        var rotate = new Command("rotate", "Add a new signing key: published at once, signing after KeyPublicationDelay.") { now };
        rotate.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var key = await services.GetRequiredService<SigningKeyStore>().RotateAsync(parse.GetValue(now), ct);
            await context.Console.Out.WriteLineAsync($"Key {key.Kid} ({key.Algorithm}) published; it signs from {key.ActivatesAt:u}.");
        }, cancellationToken));

        keys.Subcommands.Add(list);
        keys.Subcommands.Add(rotate);
        return keys;
    }
}
