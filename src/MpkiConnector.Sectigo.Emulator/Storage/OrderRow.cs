namespace MpkiConnector.Sectigo.Emulator.Storage;

/// <summary>One order (and its certificate once issued), as stored.</summary>
internal sealed class OrderRow
{
    public long Id { get; set; }

    public string CustomerUri { get; set; } = string.Empty;

    public string Login { get; set; } = string.Empty;

    /// <summary><c>smime</c> or <c>device</c>.</summary>
    public string Kind { get; set; } = "smime";

    public long OrgId { get; set; }

    public long CertType { get; set; }

    public long Term { get; set; }

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? MiddleName { get; set; }

    public string? LastName { get; set; }

    public string? CommonName { get; set; }

    public string? Comments { get; set; }

    public string Csr { get; set; } = string.Empty;

    public long? PersonId { get; set; }

    public string? CustomFields { get; set; }

    /// <summary>SCM state: requested, approved (device), issued, revoked, rejected, expired.</summary>
    public string State { get; set; } = "requested";

    public long CreatedAt { get; set; }

    public long CollectCount { get; set; }

    public long? IssuedAt { get; set; }

    /// <summary>Serial number, upper-case hex without colons.</summary>
    public string? Serial { get; set; }

    public byte[]? CertDer { get; set; }

    public long? NotAfter { get; set; }

    public long? RevokedAt { get; set; }

    public long? ReasonCode { get; set; }

    public string? Reason { get; set; }

    public long? RenewedFrom { get; set; }

    public string? SubjectText { get; set; }

    public string? KeyType { get; set; }

    /// <summary>Still waiting for the CA: requested, or (device) approved.</summary>
    public bool IsUnsettled => State is "requested" or "approved";
}
