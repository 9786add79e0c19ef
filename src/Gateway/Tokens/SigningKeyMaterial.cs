using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>Creates key rows (RSA 2048 or P-256) and turns rows back into signing credentials and JWKs.</summary>
internal static class SigningKeyMaterial
{
    public const string ProtectorPurpose = "Gateway.Tokens.SigningKey.v1";

    public static SigningKey Create(string algorithm, int generation, DateTimeOffset now, DateTimeOffset activatesAt, IDataProtector protector)
    {
        using AsymmetricAlgorithm key = algorithm == SigningAlgorithms.ES256
            ? ECDsa.Create(ECCurve.NamedCurves.nistP256)
            : RSA.Create(2048);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        var privateKey = key.ExportPkcs8PrivateKey();
        try
        {
            return new SigningKey
            {
                // RFC 7638 would hash the JWK members; hashing the SPKI is as unique and simpler to recompute.
                Kid = WebEncoders.Base64UrlEncode(SHA256.HashData(publicKey).AsSpan(0, 16)),
                Generation = generation,
                Algorithm = algorithm,
                PublicKey = Convert.ToBase64String(publicKey),
                ProtectedPrivateKey = WebEncoders.Base64UrlEncode(protector.Protect(privateKey)),
                CreatedAt = now,
                ActivatesAt = activatesAt,
            };
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }

    public static LoadedSigningKey Load(SigningKey row, IDataProtector protector)
    {
        var privateKey = protector.Unprotect(WebEncoders.Base64UrlDecode(row.ProtectedPrivateKey));
        try
        {
            var times = new KeyTimes(row.Generation, row.ActivatesAt);
            if (row.Algorithm == SigningAlgorithms.ES256)
            {
                var ecdsa = ECDsa.Create();
                ecdsa.ImportPkcs8PrivateKey(privateKey, out _);
                var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
                var jwk = new JsonWebKeyDocument("EC", "sig", row.Algorithm, row.Kid,
                    Crv: "P-256", X: Base64UrlEncoder.Encode(parameters.Q.X), Y: Base64UrlEncoder.Encode(parameters.Q.Y));
                var credentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa) { KeyId = row.Kid }, SecurityAlgorithms.EcdsaSha256);
                return new LoadedSigningKey(row.Kid, times, credentials, jwk);
            }
            else
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(privateKey, out _);
                var parameters = rsa.ExportParameters(includePrivateParameters: false);
                var jwk = new JsonWebKeyDocument("RSA", "sig", row.Algorithm, row.Kid,
                    N: Base64UrlEncoder.Encode(parameters.Modulus), E: Base64UrlEncoder.Encode(parameters.Exponent));
                var credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = row.Kid }, SecurityAlgorithms.RsaSha256);
                return new LoadedSigningKey(row.Kid, times, credentials, jwk);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(privateKey);
        }
    }
}
