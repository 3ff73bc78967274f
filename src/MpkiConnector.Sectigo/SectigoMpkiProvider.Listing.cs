using System.Runtime.CompilerServices;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>The S/MIME certificate list of the account, page by page.</summary>
public sealed partial class SectigoMpkiProvider
{
    /// <summary>Reads one page of the S/MIME certificate list (<c>GET /api/smime/v2?size&amp;position</c>, total from <c>X-Total-Count</c>).</summary>
    public async Task<SectigoCertificatePage> ListCertificatesPageAsync(SectigoCertificateQuery query, int position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var path = $"api/smime/v2?size={size}&position={position}"
            + Filter("email", query.Email)
            + Filter("state", query.State)
            + Filter("serialNumber", query.SerialNumber)
            + Filter("certTypeId", query.CertificateTypeId);
        var response = await _client.SendCheckedAsync(HttpMethod.Get, path, null, "listing certificates", cancellationToken).ConfigureAwait(false);
        var items = _client.Deserialize<List<ScmCertificateListItem>>(response, "listing certificates");
        return new SectigoCertificatePage(items.Select(ToSummary).ToList(), position, response.TotalCount);
    }

    /// <summary>Lists every S/MIME certificate matching <paramref name="query"/>, page by page.</summary>
    public async IAsyncEnumerable<SectigoCertificateSummary> ListCertificatesAsync(SectigoCertificateQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var position = 0;
        while (true)
        {
            var page = await ListCertificatesPageAsync(query, position, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            position += page.Items.Count;
            if (page.Items.Count < size || page.Items.Count == 0 || (page.TotalCount is { } total && position >= total))
            {
                yield break;
            }
        }
    }

    private static SectigoCertificateSummary ToSummary(ScmCertificateListItem item) => new(item.Id, item.BackendCertId ?? item.OrderNumber, item.State ?? item.Status)
    {
        SerialNumber = item.SerialNumber,
        Subject = item.CertificateDetails?.Subject,
        Expires = item.Expires,
        Comments = item.Comments,
    };

    private static string Filter(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : $"&{name}={Uri.EscapeDataString(value)}";
}
