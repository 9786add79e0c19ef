using System.Text.Json.Serialization;

namespace Gateway.Users;

// A name given twice could mean one user to a firewall or log (first wins) and another here (last wins).
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, AllowDuplicateProperties = false)]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class UsersJsonContext : JsonSerializerContext;
