using System.Globalization;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary><c>/api/person/v1</c> (and v2): list by e-mail, create (201 + Location), get/put/delete by id, id by e-mail.</summary>
internal static class PersonEndpoints
{
    public static void MapPersons(this IEndpointRouteBuilder app)
    {
        // 25.5 documents /api/person/v1, the Admin Operations document /api/person/v2.
        foreach (var (version, served) in new[] { ("v1", ServedOn.Classic), ("v2", ServedOn.Admin) })
        {
            var group = app.MapGroup($"/api/person/{version}");
            group.AddEndpointFilterFactory((_, next) => async invocation =>
                SurfaceRouting.Allows(invocation.HttpContext, served) ? await next(invocation) : SurfaceRouting.NotOnThisSurface(invocation.HttpContext));
            group.MapGet("/", List);
            group.MapPost("/", Create);
            group.MapGet("/{id:long}", Get);
            group.MapPut("/{id:long}", Update);
            group.MapDelete("/{id:long}", async (HttpContext context, long id, EmulatorStore store) =>
                await store.DeletePersonAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted) > 0
                    ? Results.Ok()
                    : ScmResults.Error(404, -105, "Person not found."));
            group.MapGet("/id/byEmail/{email}", async (HttpContext context, string email, EmulatorStore store) =>
                await store.FindPersonByEmailAsync(context.Caller().Customer.CustomerUri, email, context.RequestAborted) is { } person
                    ? Results.Json(new PersonIdDto(person.Id))
                    : ScmResults.Error(404, -105, "Person not found."));
        }
    }

    private static async Task<IResult> List(HttpContext context, EmulatorStore store)
    {
        var q = context.Request.Query;
        var size = int.TryParse(q["size"], out var s) ? Math.Clamp(s, 1, 200) : 200;
        var position = int.TryParse(q["position"], out var p) ? Math.Max(p, 0) : 0;
        var email = string.IsNullOrWhiteSpace(q["email"]) ? null : q["email"].ToString();
        var (items, total) = await store.ListPersonsAsync(context.Caller().Customer.CustomerUri, email, position, size, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return Results.Json(items.Select(ToDto));
    }

    private static async Task<IResult> Get(HttpContext context, long id, EmulatorStore store) =>
        await store.GetPersonAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted) is { } person
            ? Results.Json(ToDto(person))
            : ScmResults.Error(404, -105, "Person not found.");

    private static async Task<IResult> Create(HttpContext context, PersonDto body, EmulatorStore store, TimeProvider time)
    {
        var caller = context.Caller();
        if (Check(body, caller) is { } error)
        {
            return error;
        }

        if (await store.FindPersonByEmailAsync(caller.Customer.CustomerUri, body.Email!, context.RequestAborted) is not null)
        {
            return ScmResults.Error(400, -1601, "Field 'email' has invalid value: a person with this e-mail exists.");
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var row = Apply(new PersonRow { CustomerUri = caller.Customer.CustomerUri, CreatedAt = now }, body, now);
        var id = await store.InsertPersonAsync(row, context.RequestAborted);
        var location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/api/person/v1/{id}";
        context.Response.Headers.Location = location;
        return Results.StatusCode(201);
    }

    private static async Task<IResult> Update(HttpContext context, long id, PersonDto body, EmulatorStore store, TimeProvider time)
    {
        var caller = context.Caller();
        var existing = await store.GetPersonAsync(caller.Customer.CustomerUri, id, context.RequestAborted);
        if (existing is null)
        {
            return ScmResults.Error(404, -105, "Person not found.");
        }

        body.FirstName ??= existing.FirstName;
        body.LastName ??= existing.LastName;
        body.Email ??= existing.Email;
        body.OrganizationId ??= existing.OrganizationId;
        body.ValidationType ??= existing.ValidationType;
        if (Check(body, caller) is { } error)
        {
            return error;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await store.UpdatePersonAsync(Apply(existing, body, now), context.RequestAborted);
        return Results.Ok();
    }

    private static IResult? Check(PersonDto body, ScmCaller caller)
    {
        if (string.IsNullOrWhiteSpace(body.FirstName) || string.IsNullOrWhiteSpace(body.LastName))
        {
            return ScmResults.Error(400, -500, "Person name cannot be empty");
        }

        if (string.IsNullOrWhiteSpace(body.Email))
        {
            return ScmResults.Missing("email");
        }

        if (body.OrganizationId is null)
        {
            return ScmResults.Missing("organizationId");
        }

        if (!caller.Customer.Organizations.Any(o => o.Id == body.OrganizationId || o.Departments.Any(d => d.Id == body.OrganizationId)))
        {
            return ScmResults.Error(400, -639, "Supplied orgid invalid.");
        }

        return body.ValidationType is null || body.ValidationType.ToUpperInvariant() is "STANDARD" or "HIGH"
            ? null
            : ScmResults.Invalid("validationType");
    }

    private static PersonRow Apply(PersonRow row, PersonDto body, long now)
    {
        row.FirstName = body.FirstName!;
        row.MiddleName = body.MiddleName ?? row.MiddleName;
        row.LastName = body.LastName!;
        row.Email = body.Email!;
        row.OrganizationId = body.OrganizationId!.Value;
        row.ValidationType = (body.ValidationType ?? "STANDARD").ToUpperInvariant();
        row.Phone = body.Phone ?? row.Phone;
        row.CommonName = body.CommonName ?? row.CommonName;
        row.SecondaryEmails = body.SecondaryEmails is null ? row.SecondaryEmails : JsonSerializer.Serialize(body.SecondaryEmails);
        row.Eppn = body.Eppn ?? row.Eppn;
        row.Upn = body.Upn ?? row.Upn;
        row.ModifiedAt = now;
        return row;
    }

    private static PersonDto ToDto(PersonRow row) => new()
    {
        Id = row.Id,
        FirstName = row.FirstName,
        MiddleName = row.MiddleName,
        LastName = row.LastName,
        Email = row.Email,
        OrganizationId = row.OrganizationId,
        ValidationType = row.ValidationType,
        Phone = row.Phone,
        CommonName = row.CommonName,
        SecondaryEmails = row.SecondaryEmails is null ? [] : JsonSerializer.Deserialize<List<string>>(row.SecondaryEmails),
        Eppn = row.Eppn,
        Upn = row.Upn,
        Created = DateTimeOffset.FromUnixTimeMilliseconds(row.CreatedAt).ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture),
        Modified = DateTimeOffset.FromUnixTimeMilliseconds(row.ModifiedAt).ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture),
    };
}
