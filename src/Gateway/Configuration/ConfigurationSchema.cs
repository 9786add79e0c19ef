using System.ComponentModel;
using System.Reflection;

namespace Gateway.Configuration;

/// <summary>
/// The keys the gateway reads below the sections it owns, as a tree built from the types they bind to (an options
/// class's properties, YARP's <c>RouteConfig</c>), so a key nothing reads (a typo, a section of another product) is
/// found before it is silently ignored. <c>*</c> in a path stands for any name (a route id, a list index).
/// </summary>
internal sealed class ConfigurationSchema
{
    private const int MaxDepth = 12;

    private readonly Node _root = new();

    /// <summary>
    /// Every class of <paramref name="assembly"/> with a <c>SectionName</c> constant under <paramref name="root"/>:
    /// a new options class is covered without being listed anywhere.
    /// </summary>
    public static ConfigurationSchema FromOptionsClasses(Assembly assembly, string root)
    {
        var schema = new ConfigurationSchema();
        schema.Section(root);
        foreach (var type in assembly.GetTypes().Where(type => type is { IsClass: true, IsAbstract: false }))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static) is { IsLiteral: true } field
                && field.GetRawConstantValue() is string section
                && (string.Equals(section, root, StringComparison.OrdinalIgnoreCase) || section.StartsWith(root + ":", StringComparison.OrdinalIgnoreCase)))
            {
                schema.Add(section, type);
            }
        }

        return schema;
    }

    /// <summary>The keys of <paramref name="type"/> (its properties, its elements) at <paramref name="path"/>.</summary>
    public ConfigurationSchema Add(string path, Type type)
    {
        Describe(Section(path), type, depth: 0);
        return this;
    }

    /// <summary>
    /// The keys below a checked section that no type describes, each as its shortest unknown prefix
    /// (<c>Gateway:Cookie</c>, not every key below it), in key order. Keys outside the checked sections pass.
    /// </summary>
    public IReadOnlyList<UnknownSetting> FindUnknown(IEnumerable<string> keys)
    {
        var unknown = new SortedDictionary<string, UnknownSetting>(StringComparer.OrdinalIgnoreCase);
        foreach (var key in keys)
        {
            var segments = key.Split(ConfigurationPath.KeyDelimiter);
            var node = _root;
            for (var i = 0; i < segments.Length; i++)
            {
                var next = node.Named.GetValueOrDefault(segments[i]) ?? node.Any;
                if (next is null)
                {
                    // Only sections the schema owns are checked: Logging, Kestrel and the like are other readers'.
                    if (i > 0)
                    {
                        var prefix = string.Join(ConfigurationPath.KeyDelimiter, segments[..(i + 1)]);
                        unknown.TryAdd(prefix, new UnknownSetting(prefix, Suggest(segments[i], node.Named.Keys)));
                    }

                    break;
                }

                node = next;
            }
        }

        return [.. unknown.Values];
    }

    private Node Section(string path)
    {
        var node = _root;
        foreach (var segment in path.Split(ConfigurationPath.KeyDelimiter))
        {
            node = segment == "*"
                ? node.Any ??= new Node()
                : node.Named.TryGetValue(segment, out var child) ? child : node.Named[segment] = new Node();
        }

        return node;
    }

    private static void Describe(Node node, Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > MaxDepth || IsScalar(type))
        {
            // A [Flags] enum is also read as a list of names (YARP's SslProtocols).
            if (type.IsEnum && type.IsDefined(typeof(FlagsAttribute)))
            {
                node.Any ??= new Node();
            }

            return;
        }

        if (ElementType(type) is { } element)
        {
            Describe(node.Any ??= new Node(), element, depth + 1);
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.GetMethod is not null && property.GetIndexParameters().Length == 0))
        {
            var child = node.Named.TryGetValue(property.Name, out var existing) ? existing : node.Named[property.Name] = new Node();
            Describe(child, property.PropertyType, depth + 1);
        }
    }

    // What the configuration binder converts from one string: it has no keys below it.
    private static bool IsScalar(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(object)
        || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    // The value type of a dictionary keyed by string, or the element type of a list or array.
    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var generic = type.GetInterfaces().Append(type)
            .Where(face => face.IsGenericType)
            .Select(face => (Definition: face.GetGenericTypeDefinition(), Arguments: face.GetGenericArguments()))
            .ToList();
        var dictionary = generic.FirstOrDefault(face => face.Definition == typeof(IDictionary<,>) || face.Definition == typeof(IReadOnlyDictionary<,>));
        if (dictionary.Definition is not null)
        {
            return dictionary.Arguments[1];
        }

        return generic.FirstOrDefault(face => face.Definition == typeof(IEnumerable<>)).Arguments?[0];
    }

    /// <summary>The known name one or two typing mistakes away, if there is one.</summary>
    private static string? Suggest(string name, IEnumerable<string> known) => known
        .Select(candidate => (Candidate: candidate, Distance: EditDistance(name.ToUpperInvariant(), candidate.ToUpperInvariant())))
        .Where(match => match.Distance <= Math.Max(2, name.Length / 4))
        .OrderBy(match => match.Distance)
        .Select(match => match.Candidate)
        .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Named { get; } = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>The node of any name not in <see cref="Named"/> (dictionary keys, list indexes); none: a leaf.</summary>
        public Node? Any { get; set; }
    }
}
