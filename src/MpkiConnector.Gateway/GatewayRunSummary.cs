using System.Globalization;

namespace MpkiConnector.Gateway;

/// <summary>What one pass over the spool did.</summary>
public sealed record GatewayRunSummary
{
    /// <summary>Input messages handled (each ended in the outbox, the deferred spool or the rejected folder).</summary>
    public int Processed { get; init; }

    /// <summary>Certificates issued during the run (first certificates of senders).</summary>
    public int Issued { get; init; }

    /// <summary>Outbound messages signed (including those also encrypted).</summary>
    public int Signed { get; init; }

    /// <summary>Outbound messages signed and encrypted.</summary>
    public int Encrypted { get; init; }

    /// <summary>Messages kept in the deferred spool.</summary>
    public int Deferred { get; init; }

    /// <summary>Messages of managed senders passed on unsigned (first-mail policy, no certificate, auto-issue off).</summary>
    public int PassedUnsigned { get; init; }

    /// <summary>Messages passed on unchanged because neither sender nor recipients are managed, or nothing applied.</summary>
    public int PassedThrough { get; init; }

    /// <summary>Messages moved to the rejected folder.</summary>
    public int Rejected { get; init; }

    /// <summary>Inbound messages decrypted for managed users.</summary>
    public int Decrypted { get; init; }

    /// <summary>Recipient certificates harvested from verified signed inbound mail.</summary>
    public int Harvested { get; init; }

    /// <summary>The outbox the run wrote to.</summary>
    public string? Outbox { get; init; }

    /// <summary>The deferred spool.</summary>
    public string? DeferredFolder { get; init; }

    /// <summary>The rejected folder.</summary>
    public string? RejectedFolder { get; init; }

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"processed {Processed}, issued {Issued}, signed {Signed}, encrypted {Encrypted}, deferred {Deferred}, passed unsigned {PassedUnsigned}, passed through {PassedThrough}, rejected {Rejected}, decrypted {Decrypted}, harvested {Harvested}");
}
