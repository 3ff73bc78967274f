using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Maps stored orders to the list item and details shapes of the reference.</summary>
internal static class CertificateViews
{
    public static string? ColonSerial(string? hex) =>
        hex is null ? null : string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));

    public static string? NormalizeSerial(string? serial) =>
        string.IsNullOrWhiteSpace(serial) ? null : serial.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();

    public static CertificateListItemDto ToListItem(OrderRow order)
    {
        CertificateDetailsDto details;
        if (order.CertDer is { } der)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
            var names = san is null
                ? null
                : string.Join(", ", san.EnumerateDnsNames().Select(n => "dNSName=" + n)
                    .Concat(EmailNames(certificate).Select(n => "rfc822Name=" + n)));
#pragma warning disable CA5351 // SCM reports an MD5 fingerprint; not used for security here.
            var md5 = Convert.ToHexString(MD5.HashData(der));
#pragma warning restore CA5351
#pragma warning disable CA5350
            var sha1 = Convert.ToHexString(SHA1.HashData(der));
#pragma warning restore CA5350
            details = new CertificateDetailsDto(certificate.Issuer, certificate.Subject, names, md5, sha1);
        }
        else
        {
            details = new CertificateDetailsDto(null, null, null, null, null);
        }

        return new CertificateListItemDto(
            order.Id,
            order.State,
            details,
            ColonSerial(order.Serial),
            order.Id,
            order.Id.ToString(CultureInfo.InvariantCulture),
            order.NotAfter is { } notAfter ? DateTimeOffset.FromUnixTimeMilliseconds(notAfter).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            order.Comments);
    }

    public static CertificateInfoDto ToDetails(OrderRow order, EmulatorProfile? profile)
    {
        var sans = new List<string>();
        var usages = new List<string>();
        var extended = new List<string>();
        if (order.CertDer is { } der)
        {
            using var certificate = X509CertificateLoader.LoadCertificate(der);
            sans.AddRange(EmailNames(certificate));
            if (certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault() is { } san)
            {
                sans.AddRange(san.EnumerateDnsNames());
            }

            if (certificate.Extensions.OfType<X509KeyUsageExtension>().FirstOrDefault() is { } ku)
            {
                usages.AddRange(ku.KeyUsages.ToString().Split(", "));
            }

            if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } eku)
            {
                extended.AddRange(eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.FriendlyName ?? o.Value ?? string.Empty));
            }
        }

        var customFields = order.CustomFields is null ? [] : JsonSerializer.Deserialize<List<CustomFieldValue>>(order.CustomFields, JsonSerializerOptions.Web) ?? [];
        return new CertificateInfoDto(
            order.Id,
            order.CommonName ?? string.Join(' ', new[] { order.FirstName, order.MiddleName, order.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))),
            order.Email,
            order.OrgId,
            order.State,
            order.Id.ToString(CultureInfo.InvariantCulture),
            profile is null ? null : new CertTypeDto(profile.Id, profile.Name, profile.Description, profile.Terms, profile.KeyTypes),
            order.Term,
            "API",
            Date(order.CreatedAt),
            Date(order.IssuedAt),
            Date(order.NotAfter),
            Date(order.RevokedAt),
            order.ReasonCode,
            ColonSerial(order.Serial),
            order.KeyType,
            usages,
            extended,
            sans,
            customFields,
            order.Comments);
    }

    private static string? Date(long? unixMs) =>
        unixMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms).ToString("MM/dd/yyyy", CultureInfo.InvariantCulture) : null;

    private static IEnumerable<string> EmailNames(X509Certificate2 certificate)
    {
        var name = certificate.GetNameInfo(X509NameType.EmailName, false);
        return string.IsNullOrEmpty(name) ? [] : [name];
    }
}
