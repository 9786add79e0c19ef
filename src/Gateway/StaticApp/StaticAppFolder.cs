namespace Gateway.StaticApp;

/// <summary>Which folder <c>Gateway:StaticApp:Path</c> names.</summary>
internal static class StaticAppFolder
{
    /// <summary>
    /// The demo is copied to the build output: found next to the binary whatever the working folder is
    /// (the repository root under <c>dotnet run</c>, anywhere for the built binary).
    /// </summary>
    public static string Demo => Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The full path of the folder to serve, or null when static hosting is switched off.</summary>
    public static string? Resolve(StaticAppOptions options, string contentRoot) => options.Path switch
    {
        null => Demo,
        var path when string.IsNullOrWhiteSpace(path) => null,
        var path => Path.GetFullPath(path, contentRoot),
    };
}
