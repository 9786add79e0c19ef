using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tokens;

/// <summary>A ring key ready to sign and to be published.</summary>
internal sealed record LoadedSigningKey(string Kid, KeyTimes Times, SigningCredentials Credentials, JsonWebKeyDocument PublicKey);
