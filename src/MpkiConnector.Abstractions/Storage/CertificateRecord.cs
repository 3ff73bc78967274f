namespace MpkiConnector.Storage;

/// <summary>A certificate we own (we hold its key), with its history state.</summary>
public sealed record CertificateRecord
{
    /// <summary>Our id (the SHA-256 thumbprint is also unique, but this id is stable across stores).</summary>
    public required string Id { get; init; }

    /// <summary>The e-mail address (lower case) or device name it was issued for.</summary>
    public required string Address { get; init; }

    /// <summary>Person or device certificate.</summary>
    public MpkiCertificateKind Kind { get; init; }

    /// <summary>Serial number, upper-case hex without separators.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Issuer distinguished name.</summary>
    public required string Issuer { get; init; }

    /// <summary>Subject distinguished name.</summary>
    public required string Subject { get; init; }

    /// <summary>SHA-256 thumbprint, upper-case hex.</summary>
    public required string Thumbprint { get; init; }

    /// <summary>Start of validity.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity.</summary>
    public DateTimeOffset NotAfter { get; init; }

    /// <summary>The certificate, DER.</summary>
    public required byte[] Der { get; init; }

    /// <summary>The issuing chain, DER, issuer first.</summary>
    public IReadOnlyList<byte[]> Chain { get; init; } = [];

    /// <summary>Active, superseded, revoked or expired.</summary>
    public CertificateStatus Status { get; init; }

    /// <summary>The key of this certificate (kept after supersession: old mail must still decrypt).</summary>
    public required string KeyId { get; init; }

    /// <summary>The journal order it came from, if any.</summary>
    public string? OrderId { get; init; }

    /// <summary>The provider account that issued it.</summary>
    public required string ProviderName { get; init; }

    /// <summary>The CA's order id, used to revoke.</summary>
    public string? ProviderOrderId { get; init; }

    /// <summary>When it was stored.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Whether it may be used at <paramref name="now"/>: active, and <c>NotBefore &lt;= now &lt; NotAfter</c>.</summary>
    public bool IsUsableAt(DateTimeOffset now) => Status == CertificateStatus.Active && NotBefore <= now && now < NotAfter;
}

/// <summary>The state of a stored certificate.</summary>
public enum CertificateStatus
{
    /// <summary>The one in use for its address.</summary>
    Active = 0,

    /// <summary>Replaced by a newer one; its key still decrypts old mail.</summary>
    Superseded,

    /// <summary>Revoked at the CA.</summary>
    Revoked,

    /// <summary>Past its end of validity without a replacement.</summary>
    Expired,
}

/// <summary>A filter for listing certificates; unset members do not filter.</summary>
public sealed record CertificateQuery
{
    /// <summary>Only this address.</summary>
    public string? Address { get; init; }

    /// <summary>Only this status.</summary>
    public CertificateStatus? Status { get; init; }

    /// <summary>Only certificates that end before this instant.</summary>
    public DateTimeOffset? NotAfterBefore { get; init; }

    /// <summary>Only this serial number.</summary>
    public string? SerialNumber { get; init; }

    /// <summary>Only certificates issued through this provider account.</summary>
    public string? ProviderName { get; init; }
}

/// <summary>A correspondent's certificate harvested from a verified signed message, used to encrypt to them.</summary>
/// <param name="Address">The address (lower case) found in the certificate.</param>
/// <param name="Thumbprint">SHA-256 thumbprint, upper-case hex.</param>
/// <param name="Der">The certificate, DER.</param>
/// <param name="NotAfter">End of validity.</param>
/// <param name="SeenAt">When it was last seen.</param>
public sealed record RecipientCertificate(string Address, string Thumbprint, byte[] Der, DateTimeOffset NotAfter, DateTimeOffset SeenAt);
