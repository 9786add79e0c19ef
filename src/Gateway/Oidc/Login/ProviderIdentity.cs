using Gateway.Sessions;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Oidc.Login;

/// <summary>
/// Who the OP says signed in, from the validated ID token: <c>sub</c>, the name (<c>NameClaimType</c>, then
/// <c>preferred_username</c>, then <c>sub</c>), the roles (<c>RoleClaimType</c>, a string or an array) and the OP's
/// session id. Name and roles are bounded so the gateway's cookies stay small whatever the OP puts in its tokens.
/// </summary>
internal sealed record ProviderIdentity(string Subject, string Name, IReadOnlyList<string> Roles, string? ProviderSessionId)
{
    public const int MaxRoles = 32;
    public const int MaxRoleLength = 64;
    public const int MaxRolesLength = 512;

    /// <summary>Null when the token has no usable <c>sub</c> (OIDC Core section 2: at most 255 ASCII characters).</summary>
    public static ProviderIdentity? From(JsonWebToken idToken, string nameClaimType, string roleClaimType)
    {
        var subject = Claim(idToken, "sub");
        if (subject is null || subject.Length > SessionConfiguration.MaxUserIdLength || subject.Any(c => c is < ' ' or > '~'))
        {
            return null;
        }

        var name = Claim(idToken, nameClaimType) ?? Claim(idToken, "preferred_username") ?? subject;
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length > SessionConfiguration.MaxUserNameLength)
        {
            name = name[..SessionConfiguration.MaxUserNameLength];
        }

        var roles = new List<string>();
        var total = 0;
        foreach (var role in idToken.Claims.Where(claim => claim.Type == roleClaimType).Select(claim => claim.Value).Distinct(StringComparer.Ordinal))
        {
            if (role.Length == 0 || role.Length > MaxRoleLength || role.Any(char.IsControl) || roles.Count == MaxRoles || total + role.Length > MaxRolesLength)
            {
                continue;
            }

            roles.Add(role);
            total += role.Length;
        }

        return new ProviderIdentity(subject, name.Length == 0 ? subject : name, roles, Claim(idToken, "sid"));
    }

    private static string? Claim(JsonWebToken token, string type) =>
        token.TryGetPayloadValue<string>(type, out var value) && !string.IsNullOrEmpty(value) ? value : null;
}
