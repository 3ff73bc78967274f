using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>
/// One line per log entry on standard error: time, level, message; an exception adds its message only, its stack
/// trace only with --verbose (<see cref="CliLogFormatterOptions.StackTraces"/>).
/// </summary>
internal sealed class CliLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "mpki";
    private readonly CliLogFormatterOptions _options;

    public CliLogFormatter(Microsoft.Extensions.Options.IOptions<CliLogFormatterOptions> options)
        : base(FormatterName)
    {
        _options = options.Value;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var message = logEntry.Formatter?.Invoke(logEntry.State, logEntry.Exception) ?? string.Empty;
        var text = $"{TimeProvider.System.GetLocalNow():HH:mm:ss} {Level(logEntry.LogLevel)}: {ErrorReporter.OneLine(message)}";
        if (logEntry.Exception is { } exception)
        {
            text += _options.StackTraces ? Environment.NewLine + exception : $" ({ErrorReporter.OneLine(exception.Message)})";
        }

        textWriter.WriteLine(_options.Redactor?.Redact(text) ?? text);
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        _ => "critical",
    };
}
