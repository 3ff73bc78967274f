namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Turns an exception into one line on standard error and its exit code (<see cref="ExitCodeMap"/>); a stack trace only with --verbose.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, CliIo io, SecretRedactor redactor, bool verbose)
    {
        var (code, message) = ExitCodeMap.Describe(exception);
        io.Error.WriteLine($"mpki: error: {OneLine(redactor.Redact(message))}");
        if (verbose)
        {
            io.Error.WriteLine(redactor.Redact(exception.ToString()));
        }

        io.Error.Flush();
        return code;
    }

    public static string OneLine(string text)
    {
        var parts = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", parts);
    }
}
