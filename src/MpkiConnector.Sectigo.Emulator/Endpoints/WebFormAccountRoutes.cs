using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Enrollment;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// Admin Operations <c>/api/endpoint/v1/{eeId}/account</c>: list (paging), create (201 + Location), and
/// <c>/{id}</c> get, update (204), delete (204) for <c>SMIME_WEB_FORM</c> and <c>DEVICE_WEB_FORM</c> accounts.
/// An access code is unique per customer; a second use answers 400 <c>-1601</c> (neither document names an error for it).
/// </summary>
internal static class WebFormAccountRoutes
{
    private static readonly string[] AuthMethods = ["ACCESS_CODE", "IDP_ASSERTIONS_MAPPING", "NONE"];
    private static readonly string[] CsrMethods = ["BROWSER", "SERVER", "PROVIDED", "SECTIGOGEN", "TOKEN"];

    public static void MapWebFormAccounts(this RouteGroupBuilder group)
    {
        group.MapGet("/{eeId:int}/account", List);
        group.MapPost("/{eeId:int}/account", (HttpContext context, int eeId, WebFormAccountRequest body, WebFormStore store) =>
            Save(context, eeId, null, body, store));
        group.MapGet("/{eeId:int}/account/{id:int}", async (HttpContext context, int eeId, int id, WebFormStore store) =>
            await EnrollmentEndpointRoutes.Find(context, eeId, store) is null ? EnrollmentEndpointRoutes.NotFound(eeId)
            : await store.GetAccountAsync(eeId, id, context.RequestAborted) is { } row ? Results.Json(ToDto(context.Caller().Customer, row, details: true))
            : NotFound(id));
        group.MapPut("/{eeId:int}/account/{id:int}", (HttpContext context, int eeId, int id, WebFormAccountRequest body, WebFormStore store) =>
            Save(context, eeId, id, body, store));
        group.MapDelete("/{eeId:int}/account/{id:int}", async (HttpContext context, int eeId, int id, WebFormStore store) =>
            await EnrollmentEndpointRoutes.Find(context, eeId, store) is null ? EnrollmentEndpointRoutes.NotFound(eeId)
            : await store.DeleteAccountAsync(eeId, id, context.RequestAborted) > 0 ? Results.NoContent()
            : NotFound(id));
    }

    private static IResult NotFound(int id) => ScmResults.Error(404, -1, $"Enrollment endpoint account {id} not found.");

    private static async Task<IResult> List(HttpContext context, int eeId, WebFormStore store)
    {
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

        if (await EnrollmentEndpointRoutes.Find(context, eeId, store) is null)
        {
            return EnrollmentEndpointRoutes.NotFound(eeId);
        }

        var (items, total) = await store.ListAccountsAsync(eeId, position, size, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return Results.Json(items.Select(a => ToDto(context.Caller().Customer, a, details: false)));
    }

    private static async Task<IResult> Save(HttpContext context, int eeId, int? id, WebFormAccountRequest body, WebFormStore store)
    {
        var caller = context.Caller();
        if (await EnrollmentEndpointRoutes.Find(context, eeId, store) is not { } endpoint)
        {
            return EnrollmentEndpointRoutes.NotFound(eeId);
        }

        var row = new WebFormAccountRow { EndpointId = eeId, CustomerUri = caller.Customer.CustomerUri, Type = endpoint.Type };
        if (id is not null)
        {
            if (await store.GetAccountAsync(eeId, id.Value, context.RequestAborted) is not { } existing)
            {
                return NotFound(id.Value);
            }

            row = existing;
        }

        if (Check(caller, endpoint, body, id is null) is { } error)
        {
            return error;
        }

        row.Name = body.Name ?? row.Name;
        row.OrganizationId = body.OrganizationId ?? row.OrganizationId;
        row.ProfileIds = body.ProfileIds is null ? row.ProfileIds : string.Join(',', body.ProfileIds);
        row.CsrGenerationMethod = body.CsrGenerationMethod ?? row.CsrGenerationMethod;
        row.AccountAuthMethod = body.AccountAuthMethod ?? row.AccountAuthMethod;
        row.AccessCode = row.AccountAuthMethod == "ACCESS_CODE" ? body.AccessCode ?? row.AccessCode : null;
        if (row.AccountAuthMethod == "ACCESS_CODE" && string.IsNullOrEmpty(row.AccessCode))
        {
            return ScmResults.Missing("accessCode");
        }

        if (row.AccessCode is not null && await store.AccessCodeTakenAsync(caller.Customer.CustomerUri, row.AccessCode, row.Id, context.RequestAborted))
        {
            return ScmResults.Error(400, -1601, "Field 'accessCode' has invalid value: another account uses this access code.");
        }

        if (id is not null)
        {
            await store.UpdateAccountAsync(row, context.RequestAborted);
            return Results.NoContent();
        }

        var newId = await store.InsertAccountAsync(row, context.RequestAborted);
        context.Response.Headers.Location =
            $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/api/endpoint/v1/{eeId}/account/{newId}";
        return Results.StatusCode(201);
    }

    private static IResult? Check(ScmCaller caller, WebFormEndpointRow endpoint, WebFormAccountRequest body, bool create)
    {
        if (string.IsNullOrWhiteSpace(body.Type))
        {
            return ScmResults.Missing("type");
        }

        if (body.Type != endpoint.Type)
        {
            return ScmResults.Error(400, -1601, $"Field 'type' has invalid value: the endpoint is a {endpoint.Type}.");
        }

        if (create && (string.IsNullOrWhiteSpace(body.Name) || body.OrganizationId is null || body.ProfileIds is not { Count: > 0 }))
        {
            return ScmResults.Missing(string.IsNullOrWhiteSpace(body.Name) ? "name" : body.OrganizationId is null ? "organizationId" : "profileIds");
        }

        if (body.Name is { Length: < 3 or > 128 })
        {
            return ScmResults.Invalid("name");
        }

        if (body.OrganizationId is { } org && (caller.Customer.FindOrganization(org) is null || !caller.MayManage(org)))
        {
            return ScmResults.Invalid("organizationId");
        }

        var kind = endpoint.Type == "DEVICE_WEB_FORM" ? "device" : "smime";
        if (body.ProfileIds is { } profiles && profiles.Any(p => caller.Customer.Profiles.FirstOrDefault(x => x.Id == p)?.Kind != kind))
        {
            return ScmResults.Invalid("profileIds");
        }

        if (body.AccountAuthMethod is { } method && !AuthMethods.Contains(method))
        {
            return ScmResults.Invalid("accountAuthMethod");
        }

        if (body.CsrGenerationMethod is { } csr && !CsrMethods.Contains(csr))
        {
            return ScmResults.Invalid("csrGenerationMethod");
        }

        return body.AccessCode is { Length: > 255 } ? ScmResults.Invalid("accessCode") : null;
    }

    private static WebFormAccountDto ToDto(EmulatorCustomer customer, WebFormAccountRow row, bool details)
    {
        var org = customer.FindOrganization((int)row.OrganizationId);
        var department = org?.Departments.FirstOrDefault(d => d.Id == row.OrganizationId);
        var organization = org is null
            ? new AccountOrganizationDto((int)row.OrganizationId, string.Empty)
            : new AccountOrganizationDto(org.Id, org.Name, department is null ? null : new AccountOrganizationDto(department.Id, department.Name));
        var idToken = $"wf-{row.Id.ToString(CultureInfo.InvariantCulture)}";
        return details
            ? new WebFormAccountDto((int)row.Id, row.Name, row.Type, idToken, organization, row.Profiles, row.AccessCode, row.CsrGenerationMethod, row.AccountAuthMethod)
            : new WebFormAccountDto((int)row.Id, row.Name, row.Type, idToken, organization);
    }
}
