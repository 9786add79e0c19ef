// The benchmark's downstream: as fast as Kestrel allows, so the proxies are what is measured.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
var body = "{\"ok\":true,\"items\":[1,2,3]}"u8.ToArray();
app.Run(context =>
{
    context.Response.ContentType = "application/json";
    context.Response.ContentLength = body.Length;
    return context.Response.Body.WriteAsync(body).AsTask();
});
app.Run();
