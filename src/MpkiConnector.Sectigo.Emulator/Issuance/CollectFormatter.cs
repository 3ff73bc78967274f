using System.Formats.Asn1;
using System.Security.Cryptography;
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

    /// <summary>
    /// A certificates-only PKCS#7 SignedData in strict DER (definite lengths; the certificate SET OF sorted as DER
    /// requires), which OpenSSL and .NET both read. .NET's own PKCS#7 export is not used: it may write BER.
    /// </summary>
    internal static byte[] Pkcs7(params byte[][] certificates)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier("1.2.840.113549.1.7.2");
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            using (writer.PushSequence())
            {
                writer.WriteInteger(1);
                using (writer.PushSetOf())
                {
                }

                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.840.113549.1.7.1");
                }

                using (writer.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
                {
                    foreach (var der in certificates)
                    {
                        writer.WriteEncodedValue(der);
                    }
                }

                using (writer.PushSetOf())
                {
                }
            }
        }

        return writer.Encode();
    }
}
