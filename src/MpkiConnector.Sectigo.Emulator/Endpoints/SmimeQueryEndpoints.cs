using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>The S/MIME certificate list (with <c>X-Total-Count</c>), by person, and details.</summary>
internal static class SmimeQueryEndpoints
{
    private const int MaxSize = 200;

    public static void MapSmimeQueries(this IEndpointRouteBuilder app)
    {
        // 25.5: list v2 only, details v1 only, by person on v1 and v2; Admin Operations: list and details on v2, no by-person routes.
        app.MapMethods("/api/smime/v2", ["GET", "HEAD"], List);
        foreach (var version in new[] { "v1", "v2" })
        {
            var group = app.MapGroup($"/api/smime/{version}");
            group.MapGet("/byPersonEmail/{email}", ByPersonEmail).On(ServedOn.Classic);
            group.MapGet("/byPersonId/{personId:long}", ByPersonId).On(ServedOn.Classic);
        }

        app.MapGet("/api/smime/v1/{id:long}", Details).On(ServedOn.Classic);
        app.MapGet("/api/smime/v2/{id:long}", Details).On(ServedOn.Admin);
    }

    private static async Task<IResult> List(HttpContext context, EmulatorStore store)
    {
        var caller = context.Caller();
        var q = context.Request.Query;
        var size = MaxSize;
        var position = 0;
        if (q.ContainsKey("size") && (!int.TryParse(q["size"], out size) || size < 1 || size > MaxSize))
        {
            return ScmResults.Invalid("size");
        }

        if (q.ContainsKey("position") && (!int.TryParse(q["position"], out position) || position < 0))
        {
            return ScmResults.Invalid("position");
        }

        var query = new OrderQuery(caller.Customer.CustomerUri)
        {
            State = Text(q["state"])?.ToLowerInvariant(),
            Email = Text(q["email"]),
            Serial = CertificateViews.NormalizeSerial(q["serialNumber"]),
            Id = long.TryParse(q["backendCertId"], out var id) ? id : null,
            CertType = long.TryParse(q["certTypeId"], out var certType) ? certType : null,
            PersonId = long.TryParse(q["personId"], out var personId) ? personId : null,
            Position = position,
            Size = size,
        };
        var (items, total) = await store.ListOrdersAsync(query, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return HttpMethods.IsHead(context.Request.Method)
            ? Results.Ok()
            : Results.Json(items.Select(i => CertificateViews.ToListItem(i, caller.Surface)));
    }

    private static async Task<IResult> ByPersonEmail(HttpContext context, string email, EmulatorStore store)
    {
        var caller = context.Caller();
        var person = await store.FindPersonByEmailAsync(caller.Customer.CustomerUri, email, context.RequestAborted);
        if (person is null)
        {
            return ScmResults.Error(404, -105, "Person not found.");
        }

        return await ByPersonId(context, person.Id, store);
    }

    private static async Task<IResult> ByPersonId(HttpContext context, long personId, EmulatorStore store)
    {
        var caller = context.Caller();
        var person = await store.GetPersonAsync(caller.Customer.CustomerUri, personId, context.RequestAborted);
        if (person is null)
        {
            return ScmResults.Error(404, -105, "Person not found.");
        }

        var (items, total) = await store.ListOrdersAsync(
            new OrderQuery(caller.Customer.CustomerUri) { Email = person.Email, Size = 10_000 }, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return Results.Json(items.Select(i => CertificateViews.ToListItem(i, caller.Surface)));
    }

    private static async Task<IResult> Details(HttpContext context, long id, EmulatorStore store)
    {
        var caller = context.Caller();
        var order = await store.GetOrderAsync(caller.Customer.CustomerUri, id, context.RequestAborted);
        if (order is null || order.Kind != "smime")
        {
            return ScmResults.NotFoundOrder(id);
        }

        return Results.Json(CertificateViews.ToDetails(order, caller.Customer.Profiles.FirstOrDefault(p => p.Id == order.CertType), caller.Surface));
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
