using System.Reflection;
using Gateway.Observability;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Conventions;

/// <summary>The architecture rules of DESIGN.md and STYLE.md, checked on every build instead of in review.</summary>
public sealed class ConventionTests
{
    /// <summary>The ground floor: shared by every feature, importing none (only each other, downward).</summary>
    private static readonly Dictionary<string, string[]> GroundFloor = new(StringComparer.Ordinal)
    {
        ["Configuration"] = [],
        ["Storage"] = [],
        ["Http"] = ["Storage"],
    };

    private static readonly Assembly GatewayAssembly = typeof(Program).Assembly;

    [Fact]
    public void EveryFile_NamespaceFollowsItsFolder()
    {
        var misplaced = SourceTree.All
            .Where(file => file.Namespace != ExpectedNamespace(file.RelativePath))
            .Select(file => $"{file.RelativePath}: {file.Namespace}")
            .ToList();

        Assert.Empty(misplaced);
    }

    [Fact]
    public void GroundFloor_ImportsNoFeature()
    {
        var violations = SourceTree.All
            .Where(file => !file.RelativePath.StartsWith("Storage/Migrations/", StringComparison.Ordinal))
            .Where(file => GroundFloor.ContainsKey(SourceTree.FeatureOf(file.RelativePath)))
            .SelectMany(file => file.ReferencedFeatures
                .Where(feature => feature != SourceTree.FeatureOf(file.RelativePath)
                    && !GroundFloor[SourceTree.FeatureOf(file.RelativePath)].Contains(feature))
                .Select(feature => $"{file.RelativePath} -> {feature}"))
            .ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public void FeatureFolders_ImportEachOtherWithoutCycles()
    {
        var graph = FeatureGraph();

        var cycle = FindCycle(graph);

        Assert.True(cycle is null, $"Import cycle between feature folders: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void EveryOptionsClass_HasAValidator()
    {
        var validated = GatewayAssembly.GetTypes()
            .SelectMany(type => type.GetInterfaces())
            .Where(face => face.IsGenericType && face.GetGenericTypeDefinition() == typeof(IValidateOptions<>))
            .Select(face => face.GetGenericArguments()[0])
            .ToHashSet();

        // An options class of switches only needs none: the binder itself refuses anything but true or false.
        var missing = OptionsClasses()
            .Where(type => !validated.Contains(type))
            .Where(type => type.GetProperties().Any(property => property.PropertyType != typeof(bool)))
            .Select(type => type.FullName)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void LogEventIds_AreUniqueAndInsideTheirFeaturesBlock()
    {
        var messages = GatewayAssembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(method => (Type: type, Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(entry => entry.Attribute is not null)
            .ToList();

        var outside = messages
            .Where(entry => !InBlock(entry.Type.Namespace!, entry.Attribute!.EventId))
            .Select(entry => $"{entry.Type.FullName}.{entry.Method.Name}: {entry.Attribute!.EventId}")
            .ToList();
        var duplicates = messages
            .GroupBy(entry => entry.Attribute!.EventId)
            .Where(group => group.Count() > 1)
            .Select(group => $"{group.Key}: {string.Join(", ", group.Select(entry => entry.Method.Name))}")
            .ToList();

        Assert.NotEmpty(messages);
        Assert.Empty(outside);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void LogEventIdBlocks_DoNotOverlap()
    {
        var starts = LogEventIds.Blocks.Values.Order().ToList();

        Assert.All(starts, start => Assert.Equal(0, start % LogEventIds.BlockSize));
        Assert.Equal(starts.Count, starts.Distinct().Count());
    }

    private static string ExpectedNamespace(string relativePath)
    {
        var folder = Path.GetDirectoryName(relativePath)!.Replace('/', '.');
        return folder.Length == 0 ? "Gateway" : "Gateway." + folder;
    }

    private static bool InBlock(string ns, int eventId)
    {
        var feature = LogEventIds.Blocks.Keys
            .Where(prefix => ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal))
            .MaxBy(prefix => prefix.Length);
        return feature is not null && eventId >= LogEventIds.Blocks[feature] && eventId < LogEventIds.Blocks[feature] + LogEventIds.BlockSize;
    }

    private static IEnumerable<Type> OptionsClasses() => GatewayAssembly.GetTypes()
        .Where(type => type.IsClass && type.Name.EndsWith("Options", StringComparison.Ordinal)
            && type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is not null
            || type.Name == "CsrfOptions");

    private static Dictionary<string, HashSet<string>> FeatureGraph()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in SourceTree.All.Where(file => !file.RelativePath.StartsWith("Storage/Migrations/", StringComparison.Ordinal)))
        {
            var feature = SourceTree.FeatureOf(file.RelativePath);
            if (feature.Length == 0)
            {
                continue;
            }

            var edges = graph.TryGetValue(feature, out var existing) ? existing : graph[feature] = [];
            edges.UnionWith(file.ReferencedFeatures.Where(other => other != feature));
        }

        return graph;
    }

    private static List<string>? FindCycle(Dictionary<string, HashSet<string>> graph)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        List<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.SkipWhile(step => step != next), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        return graph.Keys.Where(node => state.GetValueOrDefault(node) == 0).Select(Visit).FirstOrDefault(found => found is not null);
    }
}
