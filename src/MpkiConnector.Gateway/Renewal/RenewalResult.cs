namespace MpkiConnector.Gateway.Renewal;

/// <summary>What happened to a certificate due for renewal.</summary>
public enum RenewalResult
{
    /// <summary>Dry run: it would be renewed.</summary>
    Planned = 0,

    /// <summary>A new certificate replaced it; the old one is superseded (its key kept for decryption).</summary>
    Renewed,

    /// <summary>The new certificate is pending at the CA; the order is journaled and collected later.</summary>
    Pending,

    /// <summary>The renewal failed; it is retried after a back-off.</summary>
    Failed,

    /// <summary>An earlier failure's back-off has not passed yet.</summary>
    BackingOff,

    /// <summary>Its domain is no longer managed: not renewed.</summary>
    NotManaged,
}
