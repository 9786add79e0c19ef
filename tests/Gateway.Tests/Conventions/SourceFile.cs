namespace Gateway.Tests.Conventions;

/// <summary>One source file: where it lives under src/Gateway, its namespace, and the features (Gateway.X) it names.</summary>
internal sealed record SourceFile(string RelativePath, string Namespace, IReadOnlySet<string> ReferencedFeatures);
