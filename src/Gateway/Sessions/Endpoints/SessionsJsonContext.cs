using System.Text.Json.Serialization;
using Gateway.Sessions.Login;

namespace Gateway.Sessions.Endpoints;

// A name given twice could mean one user to a firewall or log (first wins) and another here (last wins).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(SessionBody))]
[JsonSerializable(typeof(AuthenticationModeBody))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(PasswordChangeRequest))]
[JsonSerializable(typeof(IReadOnlyList<DeviceSession>))]
internal sealed partial class SessionsJsonContext : JsonSerializerContext;
