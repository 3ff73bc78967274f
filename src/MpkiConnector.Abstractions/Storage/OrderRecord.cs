namespace MpkiConnector.Storage;

/// <summary>One issuance in the order journal, written before each call to the CA.</summary>
public sealed record OrderRecord
{
    /// <summary>Our id of the issuance (a GUID string); also sent to the CA as the correlation id.</summary>
    public required string Id { get; init; }

    /// <summary>The e-mail address (lower case) or, for a device certificate, the device name.</summary>
    public required string Address { get; init; }

    /// <summary>Person or device certificate.</summary>
    public MpkiCertificateKind Kind { get; init; }

    /// <summary>The configured name of the provider account.</summary>
    public required string ProviderName { get; init; }

    /// <summary>The key the CSR was made with.</summary>
    public required string KeyId { get; init; }

    /// <summary>The CSR, PEM.</summary>
    public required string CsrPem { get; init; }

    /// <summary>Where the issuance stands.</summary>
    public OrderState State { get; init; }

    /// <summary>The CA's order id, once the CA has accepted the order.</summary>
    public string? ProviderOrderId { get; init; }

    /// <summary>Certificate type asked for, when not the provider's default.</summary>
    public string? CertificateType { get; init; }

    /// <summary>Term asked for, when not the provider's default.</summary>
    public int? TermDays { get; init; }

    /// <summary>Organisation (or department) id asked for, when not the provider's default; a resumed order submits with it.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Display name sent to the CA.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The certificate this issuance replaces (renewal), if any.</summary>
    public string? RenewsCertificateId { get; init; }

    /// <summary>Calls made to the CA for this issuance so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Do not call the CA again before this instant.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>The last error, for operators (no secrets).</summary>
    public string? LastError { get; init; }

    /// <summary>When the journal entry was opened.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Whether the order is still in progress (at most one per address).</summary>
    public bool IsOpen => State is OrderState.Intent or OrderState.Submitted;
}

/// <summary>States of the order journal.</summary>
public enum OrderState
{
    /// <summary>Key and CSR made; the CA has not (knowingly) received the order yet.</summary>
    Intent = 0,

    /// <summary>The CA accepted the order; <see cref="OrderRecord.ProviderOrderId"/> is set; collecting.</summary>
    Submitted,

    /// <summary>The certificate was collected, validated and stored.</summary>
    Issued,

    /// <summary>The CA refused, or what it returned failed validation.</summary>
    Rejected,

    /// <summary>Given up after errors (see <see cref="OrderRecord.LastError"/>).</summary>
    Failed,
}
