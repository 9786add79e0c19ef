using System.Text.Json.Serialization;

namespace Gateway.Users;

[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(PasswordChangeRequest))]
internal sealed partial class UsersJsonContext : JsonSerializerContext;
