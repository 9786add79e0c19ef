using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 publishing an attacker's key as a JWKS (<c>/jwks.json</c>) and as an
/// X.509 certificate (<c>/cert.pem</c>), counting fetches: reachable, so a validator that followed a token's
/// <c>jku</c> or <c>x5u</c> header would find the key and be caught.
/// </summary>
internal sealed class AttackerKeyServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _fetches;

    private AttackerKeyServer(WebApplication app) => _app = app;

    public string Address { get; private set; } = "";

    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<AttackerKeyServer> StartAsync(RSA key, string kid)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new AttackerKeyServer(app);
        app.Use((context, next) =>
        {
            Interlocked.Increment(ref server._fetches);
            return next(context);
        });

        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(false)) { KeyId = kid });
        var jwks = new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid, n = jwk.N, e = jwk.E } } };
        app.MapGet("/jwks.json", () => TypedResults.Json(jwks));

        using var certificate = new CertificateRequest("CN=attacker", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = certificate.ExportCertificatePem();
        app.MapGet("/cert.pem", () => TypedResults.Text(pem, "application/pem-certificate-chain"));

        await app.StartAsync();
        server.Address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
