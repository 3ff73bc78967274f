using System.Net.Http.Headers;

namespace MpkiConnector.Sectigo;

/// <summary>One buffered SCM answer.</summary>
internal sealed record ScmResponse(int Status, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    /// <summary>The <c>X-Total-Count</c> header of a list answer, when present.</summary>
    public int? TotalCount =>
        Headers.TryGetValues("X-Total-Count", out var values)
        && int.TryParse(values.FirstOrDefault(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var total)
            ? total
            : null;
}
