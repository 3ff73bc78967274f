using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>Encodes an issued certificate in the collect formats of the reference (section 6).</summary>
internal static class CollectFormatter
{
    /// <summary>Returns the body and a file extension, or null for an unknown format.</summary>
    /// <remarks><c>x509R</c> is documented as certificate and chain; its order is UNCERTAIN: here root first, leaf last.</remarks>
    public static (byte[] Body, string Extension)? Encode(string format, byte[] leaf, byte[] issuing, byte[] root)
    {
        switch (format.ToLowerInvariant())
        {
            case "x509":
            case "pem":
                return (Pem(leaf, issuing, root), "pem");
            case "x509co":
            case "pemco":
                return (Pem(leaf), "crt");
            case "base64":
                return (Encoding.ASCII.GetBytes(PemEncoding.WriteString("PKCS7", Pkcs7(leaf, issuing, root)) + "\n"), "p7b");
            case "bin":
                return (Pkcs7(leaf, issuing, root), "p7b");
            case "x509io":
                return (Pem(issuing, root), "pem");
            case "x509ior":
                return (Pem(root, issuing), "pem");
            case "pemia":
                return (Pem(leaf, issuing), "pem");
            case "x509r":
                return (Pem(root, issuing, leaf), "pem");
            default:
                return null;
        }
    }

    private static byte[] Pem(params byte[][] certificates)
    {
        var text = new StringBuilder();
        foreach (var der in certificates)
        {
            text.Append(PemEncoding.WriteString("CERTIFICATE", der)).Append('\n');
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static byte[] Pkcs7(params byte[][] certificates)
    {
        var collection = new X509Certificate2Collection();
        foreach (var der in certificates)
        {
            collection.Add(X509CertificateLoader.LoadCertificate(der));
        }

        try
        {
            return collection.Export(X509ContentType.Pkcs7)!;
        }
        finally
        {
            foreach (var certificate in collection)
            {
                certificate.Dispose();
            }
        }
    }
}
