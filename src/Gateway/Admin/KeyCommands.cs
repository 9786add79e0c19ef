using System.CommandLine;
using Gateway.Observability;
using Gateway.Storage;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

internal static class KeyCommands
{
    private static readonly TimeSpan MaxKeyRingWait = TimeSpan.FromSeconds(10);

    public static Command Create(AdminContext context)
    {
        var keys = new Command("keys", "List, rotate and revoke the token signing keys.");

        var list = new Command("list", "List signing keys and their status.");
        list.SetAction((_, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var rows = await services.GetRequiredService<SigningKeyStore>().ListAsync(ct);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var lifetime = services.GetRequiredService<IOptions<TokenOptions>>().Value.AccessTokenLifetime;
            var schedule = SigningKeySchedule.ScheduleOf(rows);
            await AdminTable.WriteAsync(context.Console.Out, ["KID", "ALG", "GENERATION", "CREATED", "SIGNS FROM", "STATUS"],
                rows.Select(row => new[]
                {
                    row.Kid, row.Algorithm, row.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.CreatedAt.ToString("u"), row.ActivatesAt.ToString("u"),
                    SigningKeySchedule.StatusOf(row, schedule, now, lifetime).ToString().ToLowerInvariant(),
                }));
        }, cancellationToken));

        var now = new Option<bool>("--now") { Description = "Sign with the new key at once instead of after KeyPublicationDelay." };
        var rotate = new Command("rotate", "Add a new signing key: published at once, signing after KeyPublicationDelay.") { now };
        rotate.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var key = await services.GetRequiredService<SigningKeyStore>().RotateAsync(parse.GetValue(now), ct);
            await WaitForKeyRingReloadsAsync(services, ct);
            await context.Console.Out.WriteLineAsync($"Key {key.Kid} ({key.Algorithm}) published; it signs from {key.ActivatesAt:u}.");
        }, cancellationToken));

        var kid = new Argument<string>("KID") { Description = "The key id, as keys list shows it." };
        var revoke = new Command("revoke", "Revoke a compromised key: out of the JWKS at once, never signs again; tokens it signed are refreshed.") { kid };
        revoke.SetAction((parse, cancellationToken) => context.RunAsync(async (services, ct) =>
        {
            var revoked = parse.GetValue(kid)!;
            var result = await services.GetRequiredService<SigningKeyStore>().RevokeAsync(revoked, ct);
            switch (result.Outcome)
            {
                case KeyRevocationOutcome.NotFound:
                    throw new AdminCommandException($"No signing key '{revoked}'; keys list shows them.");
                case KeyRevocationOutcome.AlreadyRevoked:
                    await context.Console.Out.WriteLineAsync($"Key {revoked} was already revoked.");
                    return;
            }

            await WaitForKeyRingReloadsAsync(services, ct);
            await context.Console.Out.WriteLineAsync(result.Replacement is { } replacement
                ? $"Key {revoked} revoked; key {replacement.Kid} ({replacement.Algorithm}) signs from now."
                : $"Key {revoked} revoked; the key signing now goes on.");
        }, cancellationToken));

        keys.Subcommands.Add(list);
        keys.Subcommands.Add(rotate);
        keys.Subcommands.Add(revoke);
        return keys;
    }

    /// <summary>
    /// Running gateways read the key ring every KeyRingRefreshInterval and serve the JWKS from memory: waiting two
    /// intervals (one may have begun just before the change) makes "published at once" and "out of the JWKS at once"
    /// true from the moment the command exits, on every instance that reaches the database. Never more than
    /// <see cref="MaxKeyRingWait"/>: with a longer interval (a benchmark's hour) the change arrives with the next reload.
    /// </summary>
    private static Task WaitForKeyRingReloadsAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var twoReloads = 2 * services.GetRequiredService<IOptions<TokenOptions>>().Value.KeyRingRefreshInterval;
        return Task.Delay(twoReloads < MaxKeyRingWait ? twoReloads : MaxKeyRingWait, services.GetRequiredService<TimeProvider>(), cancellationToken);
    }
}
