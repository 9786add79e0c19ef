using Gateway.Configuration;

namespace Gateway.Tests.Configuration;

public sealed class ConfigurationSchemaTests
{
    private static readonly ConfigurationSchema Schema = ConfigurationSchema.FromOptionsClasses(typeof(ConfigurationSchemaTests).Assembly, "Example");

    [Fact]
    public void FindUnknown_MisspeltKey_NamesItAndTheKeyMeant()
    {
        var unknown = Schema.FindUnknown(["Example:Widgets:AccessTokenLifetme"]);

        Assert.Equal("Example:Widgets:AccessTokenLifetme (did you mean Example:Widgets:AccessTokenLifetime?)", Assert.Single(unknown).ToString());
    }

    [Fact]
    public void FindUnknown_UnknownSection_NamedOnceAtItsTop()
    {
        var unknown = Schema.FindUnknown(["Example:Widget", "Example:Widget:Colour", "Example:Widget:Size"]);

        Assert.Equal("Example:Widget (did you mean Example:Widgets?)", Assert.Single(unknown).ToString());
    }

    [Fact]
    public void FindUnknown_EveryShapeOfAnOptionsClass_IsKnown()
    {
        var unknown = Schema.FindUnknown([
            "Example:Widgets:AccessTokenLifetime",
            "example:widgets:enabled",
            "Example:Widgets:Names:0",
            "Example:Widgets:Parts:wheel:Count",
            "Example:Widgets:Parts:wheel:Tags:3",
            "Example:Widgets:Nested:Depth",
        ]);

        Assert.Empty(unknown);
    }

    [Fact]
    public void FindUnknown_KeyBelowAValue_IsUnknown()
    {
        var unknown = Schema.FindUnknown(["Example:Widgets:Enabled:Really", "Example:Widgets:Parts:wheel:Weight"]);

        Assert.Equal(["Example:Widgets:Enabled:Really", "Example:Widgets:Parts:wheel:Weight"], unknown.Select(setting => setting.Key));
    }

    [Fact]
    public void FindUnknown_SectionsOfOtherReaders_Pass()
    {
        var unknown = Schema.FindUnknown(["Logging:LogLevel:Default", "Kestrel:Endpoints:Http:Url", "urls", "Examples:Anything"]);

        Assert.Empty(unknown);
    }

    [Fact]
    public void Add_HandBoundKeyWithAnyName_IsKnown()
    {
        var schema = ConfigurationSchema.FromOptionsClasses(typeof(ConfigurationSchemaTests).Assembly, "Example")
            .Add("Example:Origins", typeof(string[]))
            .Add("Other:Items:*", typeof(WidgetPart));

        var unknown = schema.FindUnknown(["Example:Origins:0", "Other:Items:a:Count", "Other:Items:b:Colour", "Other:Elsewhere"]);

        Assert.Equal(["Other:Elsewhere", "Other:Items:b:Colour"], unknown.Select(setting => setting.Key));
    }
}

/// <summary>An options class the schema finds by its SectionName alone, as it finds the gateway's.</summary>
internal sealed class WidgetOptions
{
    public const string SectionName = "Example:Widgets";

    public TimeSpan AccessTokenLifetime { get; set; }

    public bool Enabled { get; set; }

    public List<string> Names { get; set; } = [];

    public Dictionary<string, WidgetPart> Parts { get; set; } = [];

    public WidgetNested Nested { get; } = new();
}

internal sealed class WidgetPart
{
    public int? Count { get; set; }

    public string[] Tags { get; set; } = [];
}

internal sealed class WidgetNested
{
    public int Depth { get; set; }
}
