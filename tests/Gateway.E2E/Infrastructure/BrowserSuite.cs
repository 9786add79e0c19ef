namespace Gateway.E2E.Infrastructure;

/// <summary>Every browser test runs in this collection: one browser and one default live gateway for all of them, one test at a time.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserSuite : ICollectionFixture<BrowserFixture>, ICollectionFixture<LiveGateway>
{
    public const string Name = "Browser";
}
