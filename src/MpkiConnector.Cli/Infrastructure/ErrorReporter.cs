using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Turns an exception into one line on standard error and an exit code; a stack trace only with --verbose.</summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, CliIo io, SecretRedactor redactor, bool verbose)
    {
        var (code, message) = Describe(exception);
        var line = OneLine(redactor.Redact(message));
        io.Error.WriteLine($"mpki: error: {line}");
        if (verbose)
        {
            io.Error.WriteLine(redactor.Redact(exception.ToString()));
        }

        io.Error.Flush();
        return code;
    }

    public static (int Code, string Message) Describe(Exception exception)
    {
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return Describe(aggregate.InnerExceptions[0]);
        }

        return exception switch
        {
            CliException cli => (cli.ExitCode, cli.Message),
            MpkiException mpki => (CodeOf(mpki), mpki.ReasonWithFix),
            OptionsValidationException options => (ExitCodes.UsageOrConfiguration, "configuration: " + string.Join("; ", options.Failures)),
            OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
            FileNotFoundException file => (ExitCodes.NotFound, file.FileName is { } name ? $"file not found: {name}" : file.Message),
            DirectoryNotFoundException directory => (ExitCodes.NotFound, directory.Message),
            UnauthorizedAccessException access => (ExitCodes.Storage, access.Message),
            IOException io => (ExitCodes.Storage, io.Message),
            CryptographicException crypto => (ExitCodes.Failure, "cryptography: " + crypto.Message),
            _ when IsConfigurationException(exception) => (ExitCodes.UsageOrConfiguration, exception.Message),
            _ when exception.GetType().FullName?.Contains("Tpm", StringComparison.Ordinal) == true => (ExitCodes.Tpm, exception.Message),
            _ when exception.GetType().FullName?.Contains("Sqlite", StringComparison.Ordinal) == true => (ExitCodes.Storage, "store: " + exception.Message),
            _ => (ExitCodes.Failure, $"{exception.Message} ({exception.GetType().Name}; --verbose shows details)"),
        };
    }

    private static bool IsConfigurationException(Exception exception)
    {
        var name = exception.GetType().Name;
        return name.Contains("Configuration", StringComparison.Ordinal) || name.Contains("Validation", StringComparison.Ordinal);
    }

    private static int CodeOf(MpkiException exception) => exception.Kind switch
    {
        MpkiErrorKind.Configuration => ExitCodes.UsageOrConfiguration,
        MpkiErrorKind.NotFound => ExitCodes.NotFound,
        _ => ExitCodes.CertificateAuthority,
    };

    private static string OneLine(string text)
    {
        var parts = text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" ", parts);
    }
}
