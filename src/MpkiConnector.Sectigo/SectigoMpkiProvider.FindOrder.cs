using System.Globalization;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>Finding the order of an earlier submission by the correlation marker in its comments.</summary>
public sealed partial class SectigoMpkiProvider
{
    /// <inheritdoc />
    public async Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CorrelationId);
        var marker = CorrelationMarker(request.CorrelationId);
        var id = request.Kind == MpkiCertificateKind.Device
            ? await FindDeviceOrderIdAsync(request.Subject, marker, cancellationToken).ConfigureAwait(false)
            : await FindPersonOrderIdAsync(request.Subject, marker, cancellationToken).ConfigureAwait(false);
        if (id is null)
        {
            return null;
        }

        SectigoLog.FoundOrder(_logger, Name, id, request.CorrelationId);
        return new MpkiOrder(id, request.CorrelationId, request.Kind);
    }

    private async Task<string?> FindPersonOrderIdAsync(string email, string marker, CancellationToken cancellationToken)
    {
        var items = await ListByEmailAsync(email, cancellationToken).ConfigureAwait(false);
        foreach (var item in items.OrderByDescending(NumericId))
        {
            var comments = item.Comments;
            if (comments is null && item.Id is not null)
            {
                comments = await ReadCommentsAsync(item.Id, cancellationToken).ConfigureAwait(false);
            }

            var id = item.BackendCertId ?? item.OrderNumber ?? item.Id;
            if (comments is not null && comments.Contains(marker, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(id))
            {
                return id;
            }
        }

        return null;
    }

    private async Task<string?> FindDeviceOrderIdAsync(string commonName, string marker, CancellationToken cancellationToken)
    {
        List<ScmCertificateListItem> items;
        try
        {
            items = await _client.GetAsync<List<ScmCertificateListItem>>(
                $"api/device/v1?size=200&position=0&commonName={Uri.EscapeDataString(commonName)}",
                $"looking for the device orders of {commonName}",
                cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound)
        {
            return null;
        }

        var match = items.FirstOrDefault(i => i.Comments?.Contains(marker, StringComparison.Ordinal) == true);
        return match?.BackendCertId ?? match?.OrderNumber ?? match?.Id;
    }

    private async Task<List<ScmCertificateListItem>> ListByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var operation = $"looking for the orders of {email}";
        try
        {
            return await _client.GetAsync<List<ScmCertificateListItem>>($"api/smime/v2/byPersonEmail/{Uri.EscapeDataString(email)}", operation, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex) when (ex.VendorCode == "-105")
        {
            return [];
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound && ex.VendorCode is null)
        {
            // No byPersonEmail on this instance: the list endpoint with an e-mail filter.
            var all = new List<ScmCertificateListItem>();
            for (var position = 0; ; position += 200)
            {
                var response = await _client.SendCheckedAsync(HttpMethod.Get, $"api/smime/v2?size=200&position={position}&email={Uri.EscapeDataString(email)}", null, operation, cancellationToken).ConfigureAwait(false);
                var page = _client.Deserialize<List<ScmCertificateListItem>>(response, operation);
                all.AddRange(page);
                if (page.Count < 200)
                {
                    return all;
                }
            }
        }
    }

    private async Task<string?> ReadCommentsAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var details = await _client.GetAsync<ScmCertificateListItem>($"api/smime/v1/{Uri.EscapeDataString(id)}", $"reading certificate {id}", cancellationToken).ConfigureAwait(false);
            return details.Comments;
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound)
        {
            return null;
        }
    }

    private static long NumericId(ScmCertificateListItem item) =>
        long.TryParse(item.BackendCertId ?? item.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
