using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;

namespace MpkiConnector.Sectigo;

/// <summary>
/// Reads what a collect returns, in every format SCM uses: PEM certificate and chain (<c>x509</c>, with or
/// without stray PKCS7 BEGIN/END lines), PKCS#7 as PEM (<c>base64</c>) or DER (<c>bin</c>), a bare DER certificate
/// or base64 without header lines. Returns the end-entity certificate and its chain from the issuer up.
/// </summary>
internal static partial class SectigoCertificateParser
{
    private const string SignedDataOid = "1.2.840.113549.1.7.2";

    public static (byte[] Certificate, IReadOnlyList<byte[]> Chain) Parse(byte[] body)
    {
        var certificates = ReadAll(body);
        if (certificates.Count == 0)
        {
            throw new FormatException("the answer holds no certificate");
        }

        return Order(certificates);
    }

    private static List<byte[]> ReadAll(byte[] body)
    {
        var text = TryText(body);
        if (text is not null)
        {
            var certificates = new List<byte[]>();
            foreach (Match match in CertificateBlock().Matches(text))
            {
                certificates.Add(FromBase64(match.Groups["b64"].Value));
            }

            if (certificates.Count > 0)
            {
                return certificates;
            }

            var pkcs7 = Pkcs7Block().Match(text);
            if (pkcs7.Success)
            {
                return ReadPkcs7(FromBase64(pkcs7.Groups["b64"].Value));
            }

            // Base64 without any header lines: PKCS#7 or a certificate.
            var trimmed = text.Trim();
            if (trimmed.Length > 0 && Base64Text().IsMatch(trimmed))
            {
                return ReadDer(FromBase64(trimmed));
            }

            throw new FormatException("the answer is neither PEM nor base64");
        }

        return ReadDer(body);
    }

    private static List<byte[]> ReadDer(byte[] der)
    {
        if (IsPkcs7(der))
        {
            return ReadPkcs7(der);
        }

        using var certificate = X509CertificateLoader.LoadCertificate(der);
        return [certificate.RawData];
    }

    private static bool IsPkcs7(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var contentInfo = reader.ReadSequence();
            return contentInfo.ReadObjectIdentifier() == SignedDataOid;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>ContentInfo { signedData, [0] SignedData { version, digestAlgorithms, encapContentInfo, [0] IMPLICIT certificates, ... } }.</summary>
    private static List<byte[]> ReadPkcs7(byte[] der)
    {
        try
        {
            var reader = new AsnReader(der, AsnEncodingRules.BER);
            var contentInfo = reader.ReadSequence();
            if (contentInfo.ReadObjectIdentifier() != SignedDataOid)
            {
                throw new FormatException("the PKCS#7 answer is not SignedData");
            }

            var explicitContent = contentInfo.ReadSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true));
            var signedData = explicitContent.ReadSequence();
            signedData.ReadInteger();
            signedData.ReadSetOf();
            signedData.ReadSequence();
            var result = new List<byte[]>();
            var certificatesTag = new Asn1Tag(TagClass.ContextSpecific, 0, true);
            if (signedData.HasData && signedData.PeekTag().HasSameClassAndValue(certificatesTag))
            {
                var set = signedData.ReadSetOf(certificatesTag);
                while (set.HasData)
                {
                    var encoded = set.ReadEncodedValue().ToArray();
                    if (new Asn1Tag(UniversalTagNumber.Sequence, true).HasSameClassAndValue(Asn1Tag.Decode(encoded, out _)))
                    {
                        result.Add(encoded);
                    }
                }
            }

            return result;
        }
        catch (AsnContentException ex)
        {
            throw new FormatException("the PKCS#7 answer is malformed", ex);
        }
    }

    private static (byte[] Certificate, IReadOnlyList<byte[]> Chain) Order(List<byte[]> ders)
    {
        var certificates = ders.Select(d => X509CertificateLoader.LoadCertificate(d)).ToList();
        try
        {
            var distinct = certificates.DistinctBy(c => c.Thumbprint).ToList();
            var leaf = distinct.FirstOrDefault(c => !IsCa(c) && !distinct.Any(o => !ReferenceEquals(o, c) && o.IssuerName.RawData.AsSpan().SequenceEqual(c.SubjectName.RawData)))
                ?? distinct.FirstOrDefault(c => !IsCa(c))
                ?? distinct[0];
            var chain = new List<X509Certificate2>();
            var current = leaf;
            var remaining = distinct.Where(c => !ReferenceEquals(c, leaf)).ToList();
            while (remaining.Count > 0)
            {
                var issuer = remaining.FirstOrDefault(c => c.SubjectName.RawData.AsSpan().SequenceEqual(current.IssuerName.RawData));
                if (issuer is null)
                {
                    break;
                }

                chain.Add(issuer);
                remaining.Remove(issuer);
                if (issuer.SubjectName.RawData.AsSpan().SequenceEqual(issuer.IssuerName.RawData))
                {
                    break;
                }

                current = issuer;
            }

            chain.AddRange(remaining);
            return (leaf.RawData, chain.Select(c => c.RawData).ToList());
        }
        finally
        {
            foreach (var certificate in certificates)
            {
                certificate.Dispose();
            }
        }
    }

    private static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault()?.CertificateAuthority == true;

    private static byte[] FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(Whitespace().Replace(text, string.Empty));
        }
        catch (FormatException ex)
        {
            throw new FormatException("the PEM block is not valid base64", ex);
        }
    }

    private static string? TryText(byte[] body)
    {
        if (body.Length == 0 || body[0] == 0x30)
        {
            return null;
        }

        try
        {
            var text = new UTF8Encoding(false, true).GetString(body);
            return text.Any(c => char.IsControl(c) && c is not '\r' and not '\n' and not '\t') ? null : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----(?<b64>[A-Za-z0-9+/=\s]+?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CertificateBlock();

    [GeneratedRegex(@"-----BEGIN PKCS7-----(?<b64>[A-Za-z0-9+/=\s]+?)-----END PKCS7-----", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pkcs7Block();

    [GeneratedRegex(@"^[A-Za-z0-9+/=\s]+$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Base64Text();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Whitespace();
}
