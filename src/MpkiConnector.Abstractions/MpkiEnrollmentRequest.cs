namespace MpkiConnector;

/// <summary>A request for one certificate from a CSR.</summary>
/// <param name="CorrelationId">Our id of this issuance (the journal's order id); providers record it with the order so that <see cref="IMpkiProvider.FindOrderAsync"/> can find it.</param>
/// <param name="CsrPem">The PKCS#10 request, PEM.</param>
/// <param name="Kind">A person's certificate (e-mail) or a device's.</param>
/// <param name="Subject">The e-mail address for a person, the device name for a device.</param>
public sealed record MpkiEnrollmentRequest(
    string CorrelationId,
    string CsrPem,
    MpkiCertificateKind Kind,
    string Subject)
{
    /// <summary>The person's display name ("Jane Doe"), used to fill first and last name; may be absent.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The certificate type by id or by name; <see langword="null"/> means the provider's configured type.</summary>
    public string? CertificateType { get; init; }

    /// <summary>The term in days; <see langword="null"/> means the provider's configured term.</summary>
    public int? TermDays { get; init; }

    /// <summary>The organisation (or department) id; <see langword="null"/> means the configured or discovered one.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Custom field values by name.</summary>
    public IReadOnlyDictionary<string, string> CustomFields { get; init; } = new Dictionary<string, string>();
}

/// <summary>The kind of certificate requested.</summary>
public enum MpkiCertificateKind
{
    /// <summary>A person's S/MIME or client certificate; the subject is an e-mail address.</summary>
    Person = 0,

    /// <summary>A device certificate; the subject is a device (host) name.</summary>
    Device = 1,
}
