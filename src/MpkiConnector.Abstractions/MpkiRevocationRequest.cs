namespace MpkiConnector;

/// <summary>A revocation: exactly one of order id, serial number or e-mail address is set.</summary>
public sealed record MpkiRevocationRequest
{
    private MpkiRevocationRequest(string? orderId, string? serialNumber, string? email, MpkiRevocationReason reason, string? comment)
    {
        OrderId = orderId;
        SerialNumber = serialNumber;
        Email = email;
        Reason = reason;
        Comment = comment;
    }

    /// <summary>The CA's order id to revoke.</summary>
    public string? OrderId { get; }

    /// <summary>The certificate serial number (hex) to revoke.</summary>
    public string? SerialNumber { get; }

    /// <summary>Revoke every certificate of this address.</summary>
    public string? Email { get; }

    /// <summary>The RFC 5280 reason.</summary>
    public MpkiRevocationReason Reason { get; }

    /// <summary>Free text sent to the CA as the reason.</summary>
    public string? Comment { get; }

    /// <summary>The kind of the certificate (of the order, for <see cref="ByOrder"/>); a CA that keeps device orders apart revokes them there.</summary>
    public MpkiCertificateKind Kind { get; init; }

    /// <summary>Revokes the certificate of one order.</summary>
    public static MpkiRevocationRequest ByOrder(string orderId, MpkiRevocationReason reason, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        return new(orderId, null, null, reason, comment);
    }

    /// <summary>Revokes the certificate with this serial number.</summary>
    public static MpkiRevocationRequest BySerial(string serialNumber, MpkiRevocationReason reason, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(serialNumber);
        return new(null, serialNumber, null, reason, comment);
    }

    /// <summary>Revokes every certificate of an e-mail address.</summary>
    public static MpkiRevocationRequest ByEmail(string email, MpkiRevocationReason reason, string? comment = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        return new(null, null, email, reason, comment);
    }
}

/// <summary>Revocation reasons that MPKI portals accept (RFC 5280 numbers).</summary>
public enum MpkiRevocationReason
{
    /// <summary>No reason given.</summary>
    Unspecified = 0,

    /// <summary>The private key is compromised.</summary>
    KeyCompromise = 1,

    /// <summary>The subject's affiliation changed.</summary>
    AffiliationChanged = 3,

    /// <summary>Replaced by a newer certificate.</summary>
    Superseded = 4,

    /// <summary>No longer needed.</summary>
    CessationOfOperation = 5,
}
