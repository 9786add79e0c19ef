using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using SampleIdentityProvider.Configuration;

namespace SampleIdentityProvider.Keys;

/// <summary>
/// The provider's RSA signing key (published in the JWKS) and the symmetric key OpenIddict encrypts its codes and
/// refresh tokens with. Given in the settings, kept in <c>DataDirectory</c> (so a restarted provider still accepts
/// the tokens it issued before), or generated at start. A sample: keys in plain files, no rotation.
/// </summary>
internal sealed class ProviderKeys
{
    private const string SigningKeyFile = "signing-key.pem";
    private const string EncryptionKeyFile = "encryption-key.txt";

    private ProviderKeys(RsaSecurityKey signing, SymmetricSecurityKey encryption)
    {
        Signing = signing;
        Encryption = encryption;
    }

    public RsaSecurityKey Signing { get; }

    public SymmetricSecurityKey Encryption { get; }

    public SigningCredentials SigningCredentials => new(Signing, SecurityAlgorithms.RsaSha256);

    public static ProviderKeys LoadOrCreate(SampleIdentityProviderOptions options)
    {
        if (options is { SigningKeyPem: { } pem, EncryptionKey: { } key })
        {
            var given = RSA.Create();
            given.ImportFromPem(pem);
            return Create(given, Convert.FromBase64String(key));
        }

        var dataDirectory = options.DataDirectory;
        var rsa = RSA.Create(2048);
        var encryption = RandomNumberGenerator.GetBytes(32);
        if (dataDirectory is not null)
        {
            Directory.CreateDirectory(dataDirectory);
            var signingPath = Path.Combine(dataDirectory, SigningKeyFile);
            var encryptionPath = Path.Combine(dataDirectory, EncryptionKeyFile);
            if (File.Exists(signingPath) && File.Exists(encryptionPath))
            {
                rsa.ImportFromPem(File.ReadAllText(signingPath));
                encryption = Convert.FromBase64String(File.ReadAllText(encryptionPath).Trim());
            }
            else
            {
                File.WriteAllText(signingPath, rsa.ExportRSAPrivateKeyPem());
                File.WriteAllText(encryptionPath, Convert.ToBase64String(encryption));
            }
        }

        return Create(rsa, encryption);
    }

    private static ProviderKeys Create(RSA rsa, byte[] encryption)
    {
        var signing = new RsaSecurityKey(rsa);
        // A kid derived from the key itself stays the same across restarts that keep the key.
        signing.KeyId = Base64UrlEncoder.Encode(signing.ComputeJwkThumbprint());
        return new ProviderKeys(signing, new SymmetricSecurityKey(encryption));
    }
}
