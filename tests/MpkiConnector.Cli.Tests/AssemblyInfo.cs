// The CLI reads MPKI__ environment variables and the demo is CPU-heavy: run the tests one at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
