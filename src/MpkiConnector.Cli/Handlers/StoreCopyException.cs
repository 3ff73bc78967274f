namespace MpkiConnector.Cli.Handlers;

/// <summary>Why a store copy was refused or rolled back (one line, no connection string).</summary>
internal sealed class StoreCopyException : Exception
{
    public StoreCopyException()
    {
    }

    public StoreCopyException(string message)
        : base(message)
    {
    }

    public StoreCopyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
