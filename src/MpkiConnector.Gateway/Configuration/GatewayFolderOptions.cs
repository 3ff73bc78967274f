namespace MpkiConnector.Gateway.Configuration;

/// <summary>The mail folders; relative paths are relative to the configuration file.</summary>
public sealed class GatewayFolderOptions
{
    /// <summary>Incoming <c>.eml</c> files (default <c>data/spool</c>).</summary>
    public string Spool { get; set; } = "data/spool";

    /// <summary>Processed messages, ready to send (default <c>data/outbox</c>).</summary>
    public string Outbox { get; set; } = "data/outbox";

    /// <summary>Messages waiting for a certificate, retried later (default <c>data/deferred</c>).</summary>
    public string Deferred { get; set; } = "data/deferred";

    /// <summary>Messages that could not be processed, each with a <c>.reason.txt</c> beside it (default <c>data/rejected</c>).</summary>
    public string Rejected { get; set; } = "data/rejected";
}
