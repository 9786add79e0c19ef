using System.Text.Json.Serialization;

namespace Gateway.Users;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(PasswordChangeRequest))]
internal sealed partial class UsersJsonContext : JsonSerializerContext;
