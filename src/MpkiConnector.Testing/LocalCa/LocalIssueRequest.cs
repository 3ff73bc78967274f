using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.LocalCa;

/// <summary>What <see cref="LocalCertificateAuthority"/> issues from a CSR.</summary>
/// <param name="CsrPem">The PKCS#10 request, PEM; its signature is checked.</param>
/// <param name="CommonName">The subject CN.</param>
/// <param name="TermDays">Validity in days from now.</param>
public sealed record LocalIssueRequest(string CsrPem, string CommonName, int TermDays)
{
    /// <summary>The e-mail address for the subject <c>E</c> and the SAN rfc822Name; absent for a device.</summary>
    public string? Email { get; init; }

    /// <summary>The device name for the SAN dNSName; absent for a person.</summary>
    public string? DeviceName { get; init; }

    /// <summary>Organisation (O) of the subject, when set.</summary>
    public string? Organization { get; init; }

    /// <summary>Issue for this key instead of the CSR's (to make wrong answers for validator tests).</summary>
    public PublicKey? PublicKeyOverride { get; init; }

    /// <summary>Leave the e-mail protection EKU out (to make wrong answers for validator tests).</summary>
    public bool OmitEmailProtection { get; init; }

    /// <summary>Start of validity; default: now minus five minutes.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>Base URL for AIA and CRL distribution points, when the CA publishes them.</summary>
    public Uri? PublicationBase { get; init; }
}
