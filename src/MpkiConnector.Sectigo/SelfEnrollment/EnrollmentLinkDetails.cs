namespace MpkiConnector.Sectigo.SelfEnrollment;

/// <summary>What a one-time enrollment link enrolls, as chosen on the self-enrollment form.</summary>
/// <param name="Kind">A client (person, e-mail) or a device certificate.</param>
/// <param name="Subject">The e-mail address, or the device name.</param>
/// <param name="Email">The e-mail address of the person who asked.</param>
/// <param name="CertificateType">The certificate type (profile) id.</param>
/// <param name="TermDays">The term in days.</param>
/// <param name="KeyAlgorithm">The key the TPM must make: RSA-2048 or ECDSA P-256.</param>
/// <param name="ExpiresAt">Until when the link may be redeemed.</param>
/// <param name="State"><c>open</c>, <c>used</c> (its order exists) or <c>expired</c>.</param>
public sealed record EnrollmentLinkDetails(
    MpkiCertificateKind Kind,
    string Subject,
    string Email,
    string CertificateType,
    int TermDays,
    MpkiKeyAlgorithm KeyAlgorithm,
    DateTimeOffset ExpiresAt,
    string State);
