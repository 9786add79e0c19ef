using System.Text.Json.Serialization;

namespace Gateway.Tokens;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonWebKeySetDocument))]
[JsonSerializable(typeof(DiscoveryDocument))]
internal sealed partial class TokensJsonContext : JsonSerializerContext;
