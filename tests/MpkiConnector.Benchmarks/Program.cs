using BenchmarkDotNet.Running;
using MpkiConnector.Benchmarks;

// Run: dotnet run -c Release --project tests/MpkiConnector.Benchmarks [-- --filter '*']
// Not part of the test command: benchmarks compare against a baseline in the same run and report ratios.
BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
