namespace Gateway.ScaleOut.Infrastructure;

/// <summary>The test classes of this suite share one cluster and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ScaleOutClusterDefinition : ICollectionFixture<ScaleOutCluster>
{
    public const string Name = "scale-out cluster";
}
