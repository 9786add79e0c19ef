using BenchmarkDotNet.Running;

// "login-limits" is a measurement on a throwaway PostgreSQL (decision 0010), not a BenchmarkDotNet run.
if (args is ["login-limits"])
{
    await Gateway.Benchmarks.LoginLimitsMeasurement.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Gateway.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
