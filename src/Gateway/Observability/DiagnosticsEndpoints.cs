using System.Net;
using Gateway.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Gateway.Observability;

/// <summary>
/// Process counters for benchmarks and local checks (how many database commands a load run caused, how many bytes it allocated). Off by
/// default; when on, only callers on this machine get an answer, everyone else a 404.
/// </summary>
internal static class DiagnosticsEndpoints
{
    public const string StatsPath = "/_gateway/stats";

    public static IEndpointRouteBuilder MapGatewayDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(StatsPath, GetStats);
        return endpoints;
    }

    private static Results<Ok<GatewayStats>, NotFound> GetStats(HttpContext context, IOptions<DiagnosticsOptions> options, GatewayDatabase database)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (!options.Value.Enabled || remote is null || !IPAddress.IsLoopback(remote))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new GatewayStats(database.CommandsExecuted, Environment.WorkingSet, GC.GetTotalMemory(forceFullCollection: false),
            GC.GetTotalAllocatedBytes(precise: false)));
    }
}
