// The CLI runs in-process and one browser, one emulator and one swtpm serve the class: one test at a time.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
