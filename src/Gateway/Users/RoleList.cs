using System.Text.Json;

namespace Gateway.Users;

internal static class RoleList
{
    public static string ToJson(IReadOnlyList<string> roles) => JsonSerializer.Serialize(roles, UsersJsonContext.Default.IReadOnlyListString);

    public static IReadOnlyList<string> FromJson(string json) =>
        JsonSerializer.Deserialize(json, UsersJsonContext.Default.IReadOnlyListString) ?? [];
}
