using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>Checks a submitted CSR as SCM does: base64, decoding, signature, algorithm and key size against the profile.</summary>
internal static class CsrInspector
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";

    public static CsrCheck Check(string csr, EmulatorProfile profile)
    {
        var pem = Normalize(csr);
        if (pem is null)
        {
            return CsrCheck.Fail(-9, "The CSR is not valid Base-64 data!");
        }

        CertificateRequest request;
        try
        {
            request = CertificateRequest.LoadSigningRequestPem(
                pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return CsrCheck.Fail(-10, "Error while decoding CSR.");
        }

        try
        {
            CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return CsrCheck.Fail(-138, "Invalid CSR.");
        }

        var (algorithm, size) = Describe(request.PublicKey);
        if (algorithm is null || size is null)
        {
            return CsrCheck.Fail(-78, "The public key is invalid or not supported.");
        }

        if (!profile.KeyTypes.TryGetValue(algorithm, out var sizes) && !(algorithm == "EC" && profile.KeyTypes.TryGetValue("ECC", out sizes)))
        {
            return algorithm == "EC"
                ? CsrCheck.Fail(-170, "Based on the customer configuration, ECC CSRs are not allowed.")
                : CsrCheck.Fail(-11, "The CSR uses an unsupported algorithm!");
        }

        if (!sizes.Any(s => SameSize(s, size)))
        {
            if (algorithm == "RSA")
            {
                var minimum = sizes.Select(s => int.TryParse(s, out var n) ? n : int.MaxValue).DefaultIfEmpty(2048).Min();
                if (int.TryParse(size, out var bits) && bits < minimum)
                {
                    return CsrCheck.Fail(-141, $"The public key size in the CSR should be {minimum} bits minimum.");
                }
            }

            return CsrCheck.Fail(-13, "The CSR uses an unsupported key size!");
        }

        return new CsrCheck(pem, request, $"{algorithm} - {size}", 0, null);
    }

    /// <summary>PEM with or without header lines (and "NEW CERTIFICATE REQUEST") to a canonical PEM; null if not base64.</summary>
    public static string? Normalize(string csr)
    {
        var text = csr.Replace("\\n", "\n", StringComparison.Ordinal);
        var body = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith("-----", StringComparison.Ordinal))
            {
                continue;
            }

            body.Append(trimmed);
        }

        byte[] der;
        try
        {
            der = Convert.FromBase64String(body.ToString());
        }
        catch (FormatException)
        {
            return null;
        }

        return der.Length == 0 ? null : PemEncoding.WriteString("CERTIFICATE REQUEST", der);
    }

    private static (string? Algorithm, string? Size) Describe(PublicKey key)
    {
        switch (key.Oid.Value)
        {
            case RsaOid:
                using (var rsa = key.GetRSAPublicKey())
                {
                    return ("RSA", rsa?.KeySize.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

            case EcOid:
                using (var ec = key.GetECDsaPublicKey())
                {
                    var curve = ec?.ExportParameters(false).Curve.Oid;
                    return ("EC", curve?.Value switch
                    {
                        "1.2.840.10045.3.1.7" => "P256",
                        "1.3.132.0.34" => "P384",
                        "1.3.132.0.35" => "P521",
                        _ => curve?.FriendlyName,
                    });
                }

            default:
                return (null, null);
        }
    }

    private static bool SameSize(string configured, string actual)
    {
        static string Canon(string s) => s.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "SECP256R1" or "PRIME256V1" or "NISTP256" => "P256",
            "SECP384R1" or "NISTP384" => "P384",
            "SECP521R1" or "NISTP521" => "P521",
            var other => other,
        };
        return Canon(configured) == Canon(actual);
    }
}
