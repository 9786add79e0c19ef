using System.Text.Json.Serialization;

namespace Gateway.Tokens;

internal sealed record JsonWebKeySetDocument([property: JsonPropertyName("keys")] IReadOnlyList<JsonWebKeyDocument> Keys);
