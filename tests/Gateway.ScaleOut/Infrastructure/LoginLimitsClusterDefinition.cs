namespace Gateway.ScaleOut.Infrastructure;

/// <summary>
/// The login-limits deployment's tests, run on their own: three more gateways, a database and nginx running beside
/// the main cluster's would slow its timing-bound tests on a small machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoginLimitsClusterDefinition : ICollectionFixture<LoginLimitsCluster>
{
    public const string Name = "login-limits cluster";
}
