using System.Text.Json.Serialization;

namespace Gateway.Sessions;

// A name given twice could mean one user to a firewall or log (first wins) and another here (last wins).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SessionBody))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(IReadOnlyList<DeviceSession>))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;
