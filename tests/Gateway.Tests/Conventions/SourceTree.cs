using System.Text.RegularExpressions;

namespace Gateway.Tests.Conventions;

/// <summary>The gateway's source files as the convention tests read them: path relative to src/Gateway, namespace, imports.</summary>
internal static partial class SourceTree
{
    private static readonly Lazy<IReadOnlyList<SourceFile>> Files = new(Load);

    public static string RepositoryFolder { get; } = RepositoryRoot();

    public static string GatewayFolder { get; } = Path.Combine(RepositoryFolder, "src", "Gateway");

    public static IReadOnlyList<SourceFile> All => Files.Value;

    /// <summary>The top-level folder a file lives in (its feature), or "" for the root.</summary>
    public static string FeatureOf(string relativePath)
    {
        var slash = relativePath.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? "" : relativePath[..slash];
    }

    private static List<SourceFile> Load() => Directory
        .EnumerateFiles(GatewayFolder, "*.cs", SearchOption.AllDirectories)
        .Select(path => Path.GetRelativePath(GatewayFolder, path).Replace('\\', '/'))
        .Where(path => !path.StartsWith("obj/", StringComparison.Ordinal) && !path.StartsWith("bin/", StringComparison.Ordinal))
        .Select(path =>
        {
            var text = File.ReadAllText(Path.Combine(GatewayFolder, path));
            var ns = NamespacePattern().Match(text) is { Success: true } match ? match.Groups[1].Value : "";
            var code = CommentOrStringPattern().Replace(text, "");
            var imports = ReferencePattern().Matches(code).Select(reference => reference.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            return new SourceFile(path, ns, imports);
        })
        .ToList();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gateway.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Gateway.sln not found above the test assembly.");
    }

    // File-scoped, or the block form the EF Core migration generator writes.
    [GeneratedRegex(@"^namespace ([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespacePattern();

    [GeneratedRegex(@"//[^\n]*|""(?:[^""\\\n]|\\.)*""")]
    private static partial Regex CommentOrStringPattern();

    // `using Gateway.X;` and fully qualified `Gateway.X.Type` alike; only the feature (first segment) matters.
    [GeneratedRegex(@"\bGateway\.([A-Z]\w*)\b")]
    private static partial Regex ReferencePattern();
}
