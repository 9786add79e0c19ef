using System.Text.Json.Serialization;

namespace Gateway.Sessions;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SessionBody))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(IReadOnlyList<DeviceSession>))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;
