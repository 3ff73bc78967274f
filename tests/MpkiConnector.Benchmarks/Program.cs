using System.Globalization;
using BenchmarkDotNet.Running;
using MpkiConnector.Benchmarks;

// Quick table (issue 16): dotnet run -c Release --project tests/MpkiConnector.Benchmarks -- quick [certificates, default 20000]
// Several nodes only:    dotnet run -c Release --project tests/MpkiConnector.Benchmarks -- nodes
// Micro-benchmarks:       dotnet run -c Release --project tests/MpkiConnector.Benchmarks [-- --filter '*']
// Not part of the test command: every figure is compared with a baseline in the same run and reported as a ratio.
if (args.Length > 0 && args[0] == "quick")
{
    await QuickHarness.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000);
}
else if (args.Length > 0 && args[0] == "nodes")
{
    await QuickHarness.RunNodesAsync(); // 1, 2 and 3 nodes on PostgreSQL against one on SQLite (a throwaway cluster; needs Debian's postgresql)
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
}
