using System.Globalization;
using BenchmarkDotNet.Running;
using MpkiConnector.Benchmarks;

// Quick table (issue 16): dotnet run -c Release --project tests/MpkiConnector.Benchmarks -- quick [certificates, default 20000] [sections]
//   sections: a comma list of signing, first, burst, store, nodes (default all); nodes needs Debian's postgresql (a throwaway cluster)
// Micro-benchmarks:       dotnet run -c Release --project tests/MpkiConnector.Benchmarks [-- --filter '*']
// Not part of the test command: every figure is compared with a baseline in the same run and reported as a ratio.
if (args.Length > 0 && args[0] == "quick")
{
    await QuickHarness.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000,
        args.Length > 2 ? args[2].Split(',').ToHashSet(StringComparer.Ordinal) : new HashSet<string>(StringComparer.Ordinal));
}
else
{
    BenchmarkSwitcher.FromAssembly(typeof(SigningBenchmarks).Assembly).Run(args);
}
