using MpkiConnector.Storage;

namespace MpkiConnector.Tpm;

/// <summary>An installed certificate beside the reference of its TPM key (what <c>mpki tpm list</c> prints).</summary>
public sealed record TpmCertificate
{
    /// <summary>The certificate's id in the certificate store.</summary>
    public required string CertificateId { get; init; }

    /// <summary>The e-mail address or device name it was issued for.</summary>
    public required string Address { get; init; }

    /// <summary>Client (person) or device certificate.</summary>
    public MpkiCertificateKind Kind { get; init; }

    /// <summary>The key's id in the key store.</summary>
    public required string KeyId { get; init; }

    /// <summary>Where the key lives: the persistent handle (<c>0x81000100</c>) on Linux, <c>cng:NAME</c> on Windows.</summary>
    public required string KeyReference { get; init; }

    /// <summary>The key algorithm.</summary>
    public MpkiKeyAlgorithm Algorithm { get; init; }

    /// <summary>Serial number, upper-case hex.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Subject distinguished name.</summary>
    public required string Subject { get; init; }

    /// <summary>Issuer distinguished name.</summary>
    public required string Issuer { get; init; }

    /// <summary>SHA-256 thumbprint, upper-case hex.</summary>
    public required string Thumbprint { get; init; }

    /// <summary>Start of validity.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity.</summary>
    public DateTimeOffset NotAfter { get; init; }

    /// <summary>The provider account that issued it.</summary>
    public required string ProviderName { get; init; }

    /// <summary>The folder with <c>cert.pem</c>, <c>chain.pem</c>, <c>root.pem</c> and <c>key.json</c>, when installed to one.</summary>
    public string? InstallPath { get; init; }

    /// <summary>The certificate, DER.</summary>
    public required byte[] CertificateDer { get; init; }

    internal static TpmCertificate From(CertificateRecord certificate, StoredKey key, string? folder) => new()
    {
        CertificateId = certificate.Id,
        Address = certificate.Address,
        Kind = certificate.Kind,
        KeyId = key.Id,
        KeyReference = key.ExternalReference ?? string.Empty,
        Algorithm = key.Algorithm,
        SerialNumber = certificate.SerialNumber,
        Subject = certificate.Subject,
        Issuer = certificate.Issuer,
        Thumbprint = certificate.Thumbprint,
        NotBefore = certificate.NotBefore,
        NotAfter = certificate.NotAfter,
        ProviderName = certificate.ProviderName,
        InstallPath = folder,
        CertificateDer = certificate.Der,
    };
}
