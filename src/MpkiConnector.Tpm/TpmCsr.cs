using System.Formats.Asn1;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Tpm;

/// <summary>
/// The CSR and the answer checks of the TPM flow. Interim: to be replaced by the core's <c>CsrBuilder</c> and
/// <c>CertificateValidator</c> once they are on main. The key only signs (inside the TPM).
/// </summary>
internal static class TpmCsr
{
    private const string EmailProtectionOid = "1.3.6.1.5.5.7.3.4";
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    /// <summary>The subject as stored: a lower-case e-mail address, or a lower-case ASCII device name.</summary>
    public static string Normalize(MpkiCertificateKind kind, string subject)
    {
        var value = subject.Trim();
        if (value.Length == 0 || value.Length > 254 || value.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c is ',' or '"' or '<' or '>'))
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"'{value}' is not a usable {(kind == MpkiCertificateKind.Device ? "device name" : "e-mail address")}.");
        }

        if (kind == MpkiCertificateKind.Device)
        {
            var ascii = new IdnMapping().GetAscii(value.TrimEnd('.')).ToLowerInvariant();
            if (ascii.Length > 64 || ascii.Split('.').Any(label => label.Length == 0 || label.StartsWith('-') || label.EndsWith('-')))
            {
                throw new MpkiException(MpkiErrorKind.InvalidRequest, $"'{value}' is not a usable device name.");
            }

            return ascii;
        }

        var at = value.LastIndexOf('@');
        if (at <= 0 || at == value.Length - 1 || value.IndexOf('@', StringComparison.Ordinal) != at)
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"'{value}' is not a usable e-mail address.");
        }

        return value.ToLowerInvariant();
    }

    /// <summary>A person's CSR (CN, E, SAN rfc822Name, EKU e-mail protection) or a device's (CN, SAN dNSName, EKU client auth).</summary>
    public static string Create(MpkiKey key, MpkiCertificateKind kind, string subject, string? displayName)
    {
        var name = Normalize(kind, subject);
        var dn = new X500DistinguishedNameBuilder();
        var san = new SubjectAlternativeNameBuilder();
        if (kind == MpkiCertificateKind.Device)
        {
            dn.AddCommonName(name);
            san.AddDnsName(name);
        }
        else
        {
            dn.AddEmailAddress(name);
            var commonName = string.IsNullOrWhiteSpace(displayName) ? name : displayName.Trim();
            dn.AddCommonName(commonName.Length <= 64 ? commonName : name[..name.IndexOf('@', StringComparison.Ordinal)]);
            san.AddEmailAddress(name);
        }

        CertificateRequest request = key.Key switch
        {
            RSA rsa => new CertificateRequest(dn.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            ECDsa ecdsa => new CertificateRequest(dn.Build(), ecdsa, HashAlgorithmName.SHA256),
            _ => throw new MpkiException(MpkiErrorKind.Configuration, "Only RSA and ECDSA keys can sign a CSR."),
        };
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid(kind == MpkiCertificateKind.Device ? ClientAuthOid : EmailProtectionOid)], false));
        return request.CreateSigningRequestPem();
    }

    /// <summary>
    /// Checks the CA's answer: same public key as our key, the subject in the SAN, the EKU (e-mail protection for a
    /// person, client authentication for a device), not a CA, valid now. Any failure is <see cref="MpkiErrorKind.Rejected"/>.
    /// </summary>
    public static X509Certificate2 Validate(MpkiCollectResult.Issued issued, byte[] expectedSubjectPublicKeyInfo, MpkiCertificateKind kind, string subject, DateTimeOffset now)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadCertificate(issued.CertificateDer);
            foreach (var element in issued.ChainDer)
            {
                using var parsed = X509CertificateLoader.LoadCertificate(element);
            }
        }
        catch (CryptographicException ex)
        {
            throw new MpkiException(MpkiErrorKind.Rejected, "The returned certificate or chain is not readable X.509 (DER).", ex);
        }

        try
        {
            var name = Normalize(kind, subject);
            if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expectedSubjectPublicKeyInfo))
            {
                throw Reject($"The returned certificate (serial {certificate.SerialNumber}) is for another public key than the one in our request.");
            }

            var (emails, dnsNames) = ReadSubjectAlternativeNames(certificate);
            var inSan = kind == MpkiCertificateKind.Device
                ? dnsNames.Any(n => string.Equals(n.TrimEnd('.'), name, StringComparison.OrdinalIgnoreCase))
                : emails.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (!inSan)
            {
                throw Reject($"The returned certificate does not name '{name}' in its subject alternative name.");
            }

            var usage = kind == MpkiCertificateKind.Device ? ClientAuthOid : EmailProtectionOid;
            var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
            if (eku is null || !eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == usage))
            {
                throw Reject($"The returned certificate's extended key usage does not allow {(kind == MpkiCertificateKind.Device ? "client authentication" : "e-mail protection")}.");
            }

            if (certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is { CertificateAuthority: true })
            {
                throw Reject("The returned certificate is a CA certificate, not an end-entity certificate.");
            }

            if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
            {
                throw Reject($"The returned certificate is not valid now (valid {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}).");
            }

            return certificate;
        }
        catch
        {
            certificate.Dispose();
            throw;
        }
    }

    private static (List<string> Emails, List<string> DnsNames) ReadSubjectAlternativeNames(X509Certificate2 certificate)
    {
        var emails = new List<string>();
        var dnsNames = new List<string>();
        var extension = certificate.Extensions["2.5.29.17"];
        if (extension is null)
        {
            return (emails, dnsNames);
        }

        try
        {
            var names = new AsnReader(extension.RawData, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 1)))
                {
                    emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else if (tag.HasSameClassAndValue(new Asn1Tag(TagClass.ContextSpecific, 2)))
                {
                    dnsNames.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }
        catch (AsnContentException ex)
        {
            throw new MpkiException(MpkiErrorKind.Rejected, "The returned certificate's subject alternative name is malformed.", ex);
        }

        return (emails, dnsNames);
    }

    private static MpkiException Reject(string reason) => new(MpkiErrorKind.Rejected, reason);
}
