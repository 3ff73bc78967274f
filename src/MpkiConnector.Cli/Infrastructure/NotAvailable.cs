namespace MpkiConnector.Cli.Infrastructure;

/// <summary>For a command whose backend is not part of this build.</summary>
internal static class NotAvailable
{
    public static CliException Because(string what) => new(ExitCodes.Failure, $"{what} is not available in this build yet");
}
