using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Maps stored orders to the list item and details shapes of the reference.</summary>
internal static class CertificateViews
{
    public static string? ColonSerial(string? hex) =>
        hex is null ? null : string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2)));

    public static string? NormalizeSerial(string? serial) =>
        string.IsNullOrWhiteSpace(serial) ? null : serial.Replace(":", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();

    public static CertificateListItemDto ToListItem(OrderRow order, ApiSurface surface) => new(
        order.Id,
        order.State,
        Details(order),
        ColonSerial(order.Serial),
        order.Id,
        order.Id.ToString(CultureInfo.InvariantCulture),
        ScmDates.ListItem(order.NotAfter, surface),
        order.Comments);

    public static CertificateInfoDto ToDetails(OrderRow order, EmulatorProfile? profile, ApiSurface surface)
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
                usages.AddRange(KeyUsageNames.Where(n => (ku.KeyUsages & n.Flag) != 0).Select(n => n.Name));
            }

            if (certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().FirstOrDefault() is { } eku)
            {
                extended.AddRange(eku.EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value ?? string.Empty));
            }
        }

        var customFields = order.CustomFields is null ? [] : JsonSerializer.Deserialize<List<CustomFieldValue>>(order.CustomFields, JsonSerializerOptions.Web) ?? [];
        return new CertificateInfoDto(
            order.Id,
            order.CommonName ?? string.Join(' ', new[] { order.FirstName, order.MiddleName, order.LastName }.Where(s => !string.IsNullOrWhiteSpace(s))),
            order.OrgId,
            order.State,
            order.Id.ToString(CultureInfo.InvariantCulture),
            profile is null ? null : new CertTypeDto(profile.Id, profile.Name, profile.Description, profile.Terms, profile.KeyTypes, profile.UseSecondaryOrgName),
            order.Term,
            "API Enroll",
            ScmDates.Detail(order.CreatedAt, surface),
            ScmDates.Detail(order.IssuedAt, surface),
            ScmDates.Detail(order.NotAfter, surface),
            ScmDates.Detail(order.RevokedAt, surface),
            order.ReasonCode,
            ColonSerial(order.Serial),
            DocumentedKeyType(order.KeyType),
            usages,
            extended,
            sans,
            customFields,
            Details(order),
            false,
            order.Comments);
    }

    /// <summary>Device details: the Admin document's <c>CertDetailsResponse</c> (the same fields as client details), or 25.5's device fields.</summary>
    public static object ToDeviceDetails(OrderRow order, EmulatorProfile? profile, ApiSurface surface)
    {
        var details = ToDetails(order, profile, surface);
        return surface == ApiSurface.Admin
            ? details
            : new DeviceDetailsDto(
                details.Id, details.CommonName, details.OrgId, details.Status, order.Id, details.BackendCertId, details.CertType, details.Term,
                details.Requested, details.Expires, details.SerialNumber, details.KeyType, details.CustomFields, details.CertificateDetails, details.Comments);
    }

    /// <summary>The reference's spelling of a key type: "RSA - 2048", "EC - P-256".</summary>
    public static string? DocumentedKeyType(string? keyType) =>
        keyType?.Replace("EC - P256", "EC - P-256", StringComparison.Ordinal)
            .Replace("EC - P384", "EC - P-384", StringComparison.Ordinal)
            .Replace("EC - P521", "EC - P-521", StringComparison.Ordinal);

    private static readonly (X509KeyUsageFlags Flag, string Name)[] KeyUsageNames =
    [
        (X509KeyUsageFlags.DigitalSignature, "Digital Signature"),
        (X509KeyUsageFlags.NonRepudiation, "Non Repudiation"),
        (X509KeyUsageFlags.KeyEncipherment, "Key Encipherment"),
        (X509KeyUsageFlags.DataEncipherment, "Data Encipherment"),
        (X509KeyUsageFlags.KeyAgreement, "Key Agreement"),
        (X509KeyUsageFlags.KeyCertSign, "Certificate Sign"),
        (X509KeyUsageFlags.CrlSign, "CRL Sign"),
        (X509KeyUsageFlags.EncipherOnly, "Encipher Only"),
        (X509KeyUsageFlags.DecipherOnly, "Decipher Only"),
    ];

    private static CertificateDetailsDto Details(OrderRow order)
    {
        if (order.CertDer is not { } der)
        {
            return new CertificateDetailsDto(null, null, null, null, null);
        }

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
        return new CertificateDetailsDto(certificate.Issuer, certificate.Subject, names, md5, sha1);
    }

    private static IEnumerable<string> EmailNames(X509Certificate2 certificate)
    {
        var name = certificate.GetNameInfo(X509NameType.EmailName, false);
        return string.IsNullOrEmpty(name) ? [] : [name];
    }
}
