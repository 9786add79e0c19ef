using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SampleIdentityProvider.Configuration;

namespace SampleIdentityProvider.Accounts;

/// <summary>The configured users: a sample, so passwords are compared in clear (in constant time).</summary>
internal sealed class UserDirectory(IOptions<SampleIdentityProviderOptions> options)
{
    public ProviderUser? FindBySubject(string subject) =>
        options.Value.Users.FirstOrDefault(user => string.Equals(user.EffectiveSubject, subject, StringComparison.Ordinal));

    public ProviderUser? CheckPassword(string userName, string password)
    {
        var user = options.Value.Users.FirstOrDefault(user => string.Equals(user.UserName, userName, StringComparison.OrdinalIgnoreCase));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(user?.Password ?? ""));
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(password));
        return CryptographicOperations.FixedTimeEquals(expected, given) && user is not null ? user : null;
    }
}
