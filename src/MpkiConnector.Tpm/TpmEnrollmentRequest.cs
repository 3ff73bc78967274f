namespace MpkiConnector.Tpm;

/// <summary>A certificate to enroll for a new TPM key.</summary>
/// <param name="ProviderName">The configured provider account to enroll through (<c>IMpkiProviderCatalog</c> name).</param>
/// <param name="Kind"><see cref="MpkiCertificateKind.Person"/> for a client certificate (an e-mail address),
/// <see cref="MpkiCertificateKind.Device"/> for a device certificate (a device name).</param>
/// <param name="Subject">The e-mail address or the device name.</param>
public sealed record TpmEnrollmentRequest(string ProviderName, MpkiCertificateKind Kind, string Subject)
{
    /// <summary>The key algorithm; RSA-2048 by default (every TPM has it, and S/MIME decryption needs RSA).</summary>
    public MpkiKeyAlgorithm Algorithm { get; init; } = MpkiKeyAlgorithm.Rsa2048;

    /// <summary>A person's display name for the subject CN; the address when absent.</summary>
    public string? DisplayName { get; init; }

    /// <summary>The certificate type by id or name; <see langword="null"/>: the provider's configured type.</summary>
    public string? CertificateType { get; init; }

    /// <summary>The term in days; <see langword="null"/>: the provider's configured term.</summary>
    public int? TermDays { get; init; }
}
