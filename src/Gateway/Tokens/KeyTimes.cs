namespace Gateway.Tokens;

/// <summary>What the key schedule needs of a key.</summary>
internal readonly record struct KeyTimes(int Generation, DateTimeOffset ActivatesAt);
