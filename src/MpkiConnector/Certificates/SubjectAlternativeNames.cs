using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector;

/// <summary>Reads rfc822Name and dNSName entries of a certificate's subject alternative name.</summary>
internal static class SubjectAlternativeNames
{
    private const string SanOid = "2.5.29.17";

    public static (IReadOnlyList<string> Emails, IReadOnlyList<string> DnsNames) Read(X509Certificate2 certificate)
    {
        var emails = new List<string>();
        var dns = new List<string>();
        foreach (var extension in certificate.Extensions)
        {
            if (extension.Oid?.Value != SanOid)
            {
                continue;
            }

            var reader = new AsnReader(extension.RawData, AsnEncodingRules.DER);
            var names = reader.ReadSequence();
            reader.ThrowIfNotEmpty();
            while (names.HasData)
            {
                var tag = names.PeekTag();
                if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 1 && !tag.IsConstructed)
                {
                    emails.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else if (tag.TagClass == TagClass.ContextSpecific && tag.TagValue == 2 && !tag.IsConstructed)
                {
                    dns.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }
        }

        return (emails, dns);
    }
}
