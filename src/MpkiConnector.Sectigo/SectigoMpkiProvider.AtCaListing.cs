using System.Globalization;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>
/// <see cref="IMpkiCertificateListing"/>: the S/MIME list (<c>GET /api/smime/v2</c>) for persons, the device list
/// (<c>GET /api/device/v1</c>, with each device's details for serial and expiry, which the list lacks) for devices.
/// </summary>
public sealed partial class SectigoMpkiProvider : IMpkiCertificateListing
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "yyyy-MM-dd'T'HH:mm:ss.FFFK", "yyyy-MM-dd'T'HH:mm:ssK"];

    /// <inheritdoc />
    public async Task<MpkiCertificatePage> ListCertificatesAsync(MpkiCertificateKind kind, int position, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var size = Math.Clamp(pageSize, 1, 200);
        if (kind == MpkiCertificateKind.Person)
        {
            var page = await ListCertificatesPageAsync(new SectigoCertificateQuery { PageSize = size }, position, cancellationToken).ConfigureAwait(false);
            return new MpkiCertificatePage(
                [.. page.Items.Select(i => Item(i.BackendCertId ?? i.Id, kind, i.State, i.Subject, i.Expires, i.SerialNumber))], position, page.TotalCount);
        }

        var response = await _client.SendCheckedAsync(
            HttpMethod.Get, FormattableString.Invariant($"api/device/v1?size={size}&position={position}"), null, "listing device certificates", cancellationToken).ConfigureAwait(false);
        var devices = _client.Deserialize<List<ScmCertificateListItem>>(response, "listing device certificates");
        var items = new List<MpkiCertificateListItem>(devices.Count);
        foreach (var device in devices)
        {
            var id = device.Id ?? device.BackendCertId ?? string.Empty;
            var details = await _client.GetAsync<ScmCertificateListItem>(
                $"api/device/v1/{Uri.EscapeDataString(id)}", $"reading device certificate {id}", cancellationToken).ConfigureAwait(false);
            items.Add(Item(id, kind, device.Status ?? details.Status, device.CertificateDetails?.Subject ?? details.CertificateDetails?.Subject,
                details.Expires, details.SerialNumber));
        }

        return new MpkiCertificatePage(items, position, response.TotalCount);
    }

    private static MpkiCertificateListItem Item(string? id, MpkiCertificateKind kind, string? status, string? subject, string? expires, string? serial) =>
        new(id ?? string.Empty, kind, (status ?? "unknown").ToLowerInvariant())
        {
            Subject = subject,
            NotAfter = DateTimeOffset.TryParseExact(expires, DateFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var notAfter) ? notAfter : null,
            SerialNumber = serial?.Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant(),
        };
}
