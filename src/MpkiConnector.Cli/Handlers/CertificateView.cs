using System.Security.Cryptography.X509Certificates;
using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary>A certificate as <c>certs list --json</c> prints it (never key material).</summary>
internal sealed record CertificateView(
    string Id,
    string Address,
    string Kind,
    string Status,
    string SerialNumber,
    string Subject,
    string Issuer,
    string Thumbprint,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Provider,
    string? ProviderOrderId,
    string KeyId)
{
    public static CertificateView From(CertificateRecord record) => new(
        record.Id,
        record.Address,
        record.Kind.ToString(),
        record.Status.ToString(),
        record.SerialNumber,
        record.Subject,
        record.Issuer,
        record.Thumbprint,
        record.NotBefore,
        record.NotAfter,
        record.ProviderName,
        record.ProviderOrderId,
        record.KeyId);

    /// <summary>The CN of a distinguished name, or the whole name.</summary>
    public static string CommonName(string distinguishedName)
    {
        try
        {
            var name = new X500DistinguishedName(distinguishedName);
            foreach (var rdn in name.EnumerateRelativeDistinguishedNames())
            {
                if (rdn.GetSingleElementType().Value == "2.5.4.3")
                {
                    return rdn.GetSingleElementValue() ?? distinguishedName;
                }
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
        }

        return distinguishedName;
    }
}
