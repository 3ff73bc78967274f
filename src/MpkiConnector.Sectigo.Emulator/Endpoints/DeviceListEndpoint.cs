using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// <c>GET|HEAD /api/device/v1</c>, in both documents: paging <c>size</c> (0..200) and <c>position</c>, filters
/// <c>commonName</c>, <c>email</c>, <c>status</c>, <c>orgId</c>, <c>certTypeId</c>, <c>serialNumber</c>, <c>backendCertId</c>;
/// <c>X-Total-Count</c>. Status spelled as each document has it: <c>ISSUED</c> (25.5), <c>Issued</c> (OpenAPI).
/// </summary>
internal static class DeviceListEndpoint
{
    private static readonly Dictionary<string, string> StateOfStatus = new(StringComparer.OrdinalIgnoreCase)
    {
        ["requested"] = "requested", ["awaiting_approval"] = "requested", ["approved"] = "approved", ["issued"] = "issued",
        ["declined"] = "rejected", ["rejected"] = "rejected", ["revoked"] = "revoked",
    };

    public static void MapDeviceList(this IEndpointRouteBuilder app) => app.MapMethods("/api/device/v1", ["GET", "HEAD"], List);

    private static async Task<IResult> List(HttpContext context, EmulatorStore store)
    {
        var caller = context.Caller();
        var q = context.Request.Query;
        var size = 200;
        var position = 0;
        if (q.ContainsKey("size") && (!int.TryParse(q["size"], out size) || size is < 0 or > 200))
        {
            return ScmResults.Invalid("size");
        }

        if (q.ContainsKey("position") && (!int.TryParse(q["position"], out position) || position < 0))
        {
            return ScmResults.Invalid("position");
        }

        string? state = null;
        if (Text(q["status"]) is { } status && !StateOfStatus.TryGetValue(status, out state))
        {
            state = "none";
        }

        var query = new OrderQuery(caller.Customer.CustomerUri)
        {
            Kind = "device",
            State = state,
            Email = Text(q["email"]),
            CommonName = Text(q["commonName"]),
            Serial = CertificateViews.NormalizeSerial(q["serialNumber"]),
            Id = long.TryParse(q["backendCertId"], out var id) ? id : null,
            CertType = long.TryParse(q["certTypeId"], out var certType) ? certType : null,
            OrgId = long.TryParse(q["orgId"], out var orgId) ? orgId : null,
            Position = position,
            Size = size,
        };
        var (items, total) = await store.ListOrdersAsync(query, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return HttpMethods.IsHead(context.Request.Method)
            ? Results.Ok()
            : Results.Json(items.Select(i => new DeviceListItemDto(
                i.Id, i.Id.ToString(CultureInfo.InvariantCulture), Status(i.State, caller.Surface), CertificateViews.ToListItem(i, caller.Surface).CertificateDetails)));
    }

    private static string Status(string state, ApiSurface surface)
    {
        var status = state == "rejected" ? "declined" : state;
        return surface == ApiSurface.Classic ? status.ToUpperInvariant() : char.ToUpperInvariant(status[0]) + status[1..];
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
