using Microsoft.Extensions.Logging.Console;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Options of <see cref="CliLogFormatter"/>.</summary>
internal sealed class CliLogFormatterOptions : ConsoleFormatterOptions
{
    /// <summary>Whether an exception's stack trace is logged (--verbose).</summary>
    public bool StackTraces { get; set; }

    /// <summary>Removes secrets from each line.</summary>
    public SecretRedactor? Redactor { get; set; }
}
