namespace Gateway.Configuration;

/// <summary>A configuration key nothing reads, and the known key it was probably meant to be.</summary>
internal sealed record UnknownSetting(string Key, string? Suggestion)
{
    public override string ToString()
    {
        if (Suggestion is null)
        {
            return Key;
        }

        var parent = ConfigurationPath.GetParentPath(Key);
        return $"{Key} (did you mean {(parent is null ? Suggestion : ConfigurationPath.Combine(parent, Suggestion))}?)";
    }

    /// <summary>One line naming every unknown key, for a refused start or a refused reload.</summary>
    public static string Describe(IReadOnlyList<UnknownSetting> unknown) =>
        $"{(unknown.Count == 1 ? "Unknown setting" : "Unknown settings")} {string.Join(", ", unknown)}: the gateway reads no such key.";
}
