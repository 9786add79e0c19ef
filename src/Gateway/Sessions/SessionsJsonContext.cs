using System.Text.Json.Serialization;

namespace Gateway.Sessions;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(AccessTicket))]
[JsonSerializable(typeof(SessionBody))]
[JsonSerializable(typeof(LoginRequest))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;
