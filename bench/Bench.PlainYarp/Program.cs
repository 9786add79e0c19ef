// Plain YARP with the gateway's routes and cluster, no authentication: the baseline the gateway is held to.
// Configured by the same ReverseProxy settings (environment variables) the runner gives the gateway.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
var app = builder.Build();
app.MapReverseProxy();

// The one field of the gateway's stats endpoint the runner reads for both: bytes allocated, per request of a run.
app.MapGet("/_gateway/stats", () => new { AllocatedBytes = GC.GetTotalAllocatedBytes(precise: false) });
app.Run();
