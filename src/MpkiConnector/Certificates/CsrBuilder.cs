using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector;

/// <summary>
/// Builds PKCS#10 certificate signing requests (PEM) from an <see cref="MpkiKey"/>. The key only signs: keys that
/// cannot be exported (TPM, HSM) work. A person's CSR carries subject <c>CN</c> (display name, or the address) and
/// <c>E</c>, and the address as SAN rfc822Name; a device's carries <c>CN</c> = device name and SAN dNSName.
/// Distinguished-name special characters are escaped; a hostile address is refused; a display name is cleaned
/// (<see cref="DisplayName.Sanitize"/>), and the CN falls back to the address when nothing of it remains.
/// </summary>
public static class CsrBuilder
{
    /// <summary>The longest common name (RFC 5280 ub-common-name).</summary>
    public const int MaxCommonNameLength = DisplayName.MaxLength;

    /// <summary>Builds a CSR of either kind.</summary>
    /// <param name="key">The key that signs the request.</param>
    /// <param name="kind">Person (subject is an e-mail address) or device (subject is a host name).</param>
    /// <param name="subject">The e-mail address or device name; it is checked and normalised.</param>
    /// <param name="displayName">For a person, the name for the CN; when absent the address is used.</param>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.InvalidRequest"/> for a refused address or device name.</exception>
    public static string Create(MpkiKey key, MpkiCertificateKind kind, string subject, string? displayName = null) =>
        kind == MpkiCertificateKind.Device ? CreateForDevice(key, subject) : CreateForPerson(key, subject, displayName);

    /// <summary>Builds a person's (S/MIME) CSR.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.InvalidRequest"/> for a refused address.</exception>
    public static string CreateForPerson(MpkiKey key, string emailAddress, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var address = EmailAddress.Parse(emailAddress);
        var commonName = DisplayName.Sanitize(displayName)
            ?? (address.Value.Length <= MaxCommonNameLength ? address.Value : address.LocalPart);

        var dn = new X500DistinguishedNameBuilder();
        dn.AddEmailAddress(address.Value);
        dn.AddCommonName(commonName);
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(address.Value);
        return Build(key, dn.Build(), san.Build(), "1.3.6.1.5.5.7.3.4");
    }

    /// <summary>Builds a device CSR (CN and SAN dNSName = the device name).</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.InvalidRequest"/> for a refused device name.</exception>
    public static string CreateForDevice(MpkiKey key, string deviceName)
    {
        ArgumentNullException.ThrowIfNull(key);
        var name = DeviceName.Normalize(deviceName);
        if (name.Length > MaxCommonNameLength)
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"The device name '{name}' is longer than the {MaxCommonNameLength} characters a common name may hold.");
        }

        var dn = new X500DistinguishedNameBuilder();
        dn.AddCommonName(name);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        return Build(key, dn.Build(), san.Build(), "1.3.6.1.5.5.7.3.2");
    }

    /// <summary>Reads the SubjectPublicKeyInfo (DER) of a CSR; the CSR's signature is checked.</summary>
    /// <exception cref="MpkiException">Of kind <see cref="MpkiErrorKind.InvalidRequest"/> when the CSR is malformed or its signature is wrong.</exception>
    public static byte[] GetSubjectPublicKeyInfo(string csrPem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(csrPem);
        try
        {
            var request = CertificateRequest.LoadSigningRequestPem(
                csrPem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
            return request.PublicKey.ExportSubjectPublicKeyInfo();
        }
        catch (CryptographicException ex)
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, "The CSR is malformed or its signature does not verify.", ex);
        }
    }

    private static string Build(MpkiKey key, X500DistinguishedName subject, X509Extension san, string ekuOid)
    {
        CertificateRequest request = key.Key switch
        {
            RSA rsa => new CertificateRequest(subject, rsa, HashFor(key.Algorithm), RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(subject, ecdsa, HashFor(key.Algorithm)),
            _ => throw new MpkiException(MpkiErrorKind.Configuration, "Only RSA and ECDSA keys can sign a CSR."),
        };
        request.CertificateExtensions.Add(san);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ekuOid)], false));
        return request.CreateSigningRequestPem();
    }

    private static HashAlgorithmName HashFor(MpkiKeyAlgorithm algorithm) => algorithm switch
    {
        MpkiKeyAlgorithm.EcdsaP384 => HashAlgorithmName.SHA384,
        MpkiKeyAlgorithm.EcdsaP521 => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };
}
