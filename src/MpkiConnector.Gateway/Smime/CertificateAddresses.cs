using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Gateway.Smime;

/// <summary>Reads the e-mail addresses a certificate is for (SAN rfc822Name, else the subject's E=).</summary>
internal static class CertificateAddresses
{
    private const string SubjectAltNameOid = "2.5.29.17";
    private const string EmailProtectionOid = "1.3.6.1.5.5.7.3.4";

    /// <summary>The normalised addresses in the certificate.</summary>
    public static IReadOnlyList<string> GetEmailAddresses(X509Certificate2 certificate)
    {
        var addresses = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SubjectAltNameOid)
            {
                continue;
            }

            try
            {
                var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
                var names = reader.ReadSequence();
                while (names.HasData)
                {
                    var tag = names.PeekTag();
                    if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1)
                    {
                        var value = names.ReadCharacterString(UniversalTagNumber.IA5String, new Asn1Tag(TagClass.ContextSpecific, 1));
                        if (EmailAddress.TryParse(value, out var parsed, out _))
                        {
                            addresses.Add(parsed.Value);
                        }
                    }
                    else
                    {
                        names.ReadEncodedValue();
                    }
                }
            }
            catch (AsnContentException)
            {
                // A malformed SAN gives no address.
            }
        }

        if (addresses.Count == 0 && EmailAddress.TryParse(certificate.GetNameInfo(X509NameType.EmailName, false), out var fromSubject, out _))
        {
            addresses.Add(fromSubject.Value);
        }

        return addresses;
    }

    /// <summary>Whether the certificate may protect e-mail: no EKU, or an EKU with e-mail protection.</summary>
    public static bool AllowsEmailProtection(X509Certificate2 certificate)
    {
        var eku = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault();
        return eku is null || eku.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == EmailProtectionOid);
    }

    /// <summary>Whether the certificate's key is RSA (the only kind .NET's EnvelopedCms encrypts to).</summary>
    public static bool HasRsaKey(X509Certificate2 certificate) => certificate.GetKeyAlgorithm() == "1.2.840.113549.1.1.1";

    /// <summary>The SHA-256 thumbprint, upper-case hex.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256).ToUpperInvariant();
}
