using System.Text.Json.Serialization;

namespace Gateway.Users;

[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class UsersJsonContext : JsonSerializerContext;
