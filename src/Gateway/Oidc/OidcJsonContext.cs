using System.Text.Json.Serialization;
using Gateway.Oidc.Login;
using Gateway.Oidc.Logout;
using Gateway.Oidc.Tokens;

namespace Gateway.Oidc;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<ProviderAccessToken>))]
[JsonSerializable(typeof(LoginState))]
[JsonSerializable(typeof(LogoutTicket))]
[JsonSerializable(typeof(LogoutState))]
[JsonSerializable(typeof(LogoutAnswer))]
internal sealed partial class OidcJsonContext : JsonSerializerContext;
