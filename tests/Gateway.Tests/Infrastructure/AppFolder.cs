namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A browser app's folder under a fresh temp folder, with a secret file beside it (outside the app): what a path
/// traversal would be after.
/// </summary>
internal sealed class AppFolder : IDisposable
{
    public const string SecretText = "secret-outside-the-app-folder";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-tests", $"app-{Guid.NewGuid():N}");

    public AppFolder(params (string RelativePath, string Content)[] files)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(_root, "secret.json"), SecretText);
        foreach (var (relativePath, content) in files)
        {
            var file = Path.Combine(Folder, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, content);
        }
    }

    /// <summary>The app's folder (what <c>Gateway:StaticApp:Path</c> names); <c>../secret.json</c> lies outside it.</summary>
    public string Folder => Path.Combine(_root, "app");

    public Dictionary<string, string?> Settings => new() { ["Gateway:StaticApp:Path"] = Folder };

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
