using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Gateway.Benchmarks.HotPathBenchmarks).Assembly).Run(args);
