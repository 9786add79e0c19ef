using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Gateway.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 publishing an attacker's key as a JWKS (<c>/jwks.json</c>) and as an
/// X.509 certificate (<c>/cert.pem</c>), counting fetches: reachable, so a validator that followed a token's
/// <c>jku</c> or <c>x5u</c> header would find the key and be caught.
/// </summary>
internal sealed class AttackerKeyServer : IAsyncDisposable
{
    private LoopbackServer _server = null!;
    private int _fetches;

    private AttackerKeyServer()
    {
    }

    public string Address => _server.Address;

    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<AttackerKeyServer> StartAsync(RSA key, string kid)
    {
        var server = new AttackerKeyServer();
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.ExportParameters(false)) { KeyId = kid });
        var jwks = new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid, n = jwk.N, e = jwk.E } } };

        using var certificate = new CertificateRequest("CN=attacker", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = certificate.ExportCertificatePem();
        server._server = await LoopbackServer.StartAsync(app =>
        {
            app.Use((context, next) =>
            {
                Interlocked.Increment(ref server._fetches);
                return next(context);
            });
            app.MapGet("/jwks.json", () => TypedResults.Json(jwks));
            app.MapGet("/cert.pem", () => TypedResults.Text(pem, "application/pem-certificate-chain"));
        });
        return server;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
