namespace MpkiConnector.Cli.Infrastructure;

/// <summary>A failure the CLI reports as one line with its own exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public CliException()
        : this(ExitCodes.Failure, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliException(string message, Exception innerException)
        : this(ExitCodes.Failure, message, innerException)
    {
    }

    public int ExitCode { get; }

    public static CliException Configuration(string message, Exception? inner = null) => new(ExitCodes.UsageOrConfiguration, message, inner);

    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);
}
