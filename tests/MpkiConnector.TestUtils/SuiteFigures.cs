using Xunit.Abstractions;

namespace MpkiConnector.TestUtils;

/// <summary>
/// The figures a reliability suite reports (kills, messages, duplicates, orders, memory, matrix rows). They go to the
/// test's output and, when <c>MPKI_SUITE_FIGURES</c> names a file, are appended to it, so the test command can print
/// them after the run whatever the logger's verbosity (passing tests' output is hidden at normal verbosity).
/// </summary>
public static class SuiteFigures
{
    private static readonly Lock Gate = new();

    /// <summary>Writes <paramref name="text"/> to the test output and to the figures file, if one is set.</summary>
    public static void Report(ITestOutputHelper output, string text)
    {
        output.WriteLine(text);
        var file = Environment.GetEnvironmentVariable("MPKI_SUITE_FIGURES");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(file, text + Environment.NewLine);
        }
    }
}
