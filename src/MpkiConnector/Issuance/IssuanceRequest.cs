namespace MpkiConnector.Issuance;

/// <summary>A request for one certificate through <see cref="IIssuanceService"/>.</summary>
/// <param name="Address">The e-mail address (person) or device name (device); it is checked and normalised.</param>
/// <param name="ProviderName">The configured provider account that issues it.</param>
public sealed record IssuanceRequest(string Address, string ProviderName)
{
    /// <summary>Person (S/MIME) or device certificate.</summary>
    public MpkiCertificateKind Kind { get; init; } = MpkiCertificateKind.Person;

    /// <summary>The certificate type by id or name; <see langword="null"/> means the provider's configured one.</summary>
    public string? CertificateType { get; init; }

    /// <summary>The term in days; <see langword="null"/> means the provider's configured one.</summary>
    public int? TermDays { get; init; }

    /// <summary>The organisation (or department) id at the CA; <see langword="null"/> means the provider's configured or discovered one.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The algorithm of the new key.</summary>
    public MpkiKeyAlgorithm KeyAlgorithm { get; init; } = MpkiKeyAlgorithm.Rsa2048;

    /// <summary>The <see cref="IKeyProvider.Kind"/> that makes the key (default <c>software</c>).</summary>
    public string KeyProviderKind { get; init; } = SoftwareKeyProvider.ProviderKind;

    /// <summary>The person's display name for the CN; the address when absent.</summary>
    public string? DisplayName { get; init; }

    /// <summary>
    /// The certificate this issuance renews. Without it, an address that already has an active certificate valid now
    /// gets that certificate back and nothing is ordered; with it, a new certificate is ordered unless the active one
    /// is already another (newer) certificate.
    /// </summary>
    public string? RenewsCertificateId { get; init; }
}
