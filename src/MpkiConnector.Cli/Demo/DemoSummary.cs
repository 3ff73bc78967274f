namespace MpkiConnector.Cli.Demo;

/// <summary>What one demo run did (printed as text or JSON).</summary>
internal sealed record DemoSummary
{
    public bool Succeeded { get; init; }

    public int InputMessages { get; init; }

    public int InboundSignedMessages { get; init; }

    public long OrdersBefore { get; init; }

    public long OrdersAfter { get; init; }

    public long NewOrders => OrdersAfter - OrdersBefore;

    public int CertificatesIssued { get; init; }

    public int CertificatesInStore { get; init; }

    public int Processed { get; init; }

    public int Signed { get; init; }

    public int Encrypted { get; init; }

    public int Deferred { get; init; }

    public int PassedUnsigned { get; init; }

    public int PassedThrough { get; init; }

    public int Rejected { get; init; }

    public int Harvested { get; init; }

    public required string DataFolder { get; init; }

    public required string Outbox { get; init; }

    public required string DeferredFolder { get; init; }

    public required string RejectedFolder { get; init; }

    public required string EmulatorRoot { get; init; }

    public IReadOnlyList<DemoRejection> Rejections { get; init; } = [];

    public double Seconds { get; init; }
}
