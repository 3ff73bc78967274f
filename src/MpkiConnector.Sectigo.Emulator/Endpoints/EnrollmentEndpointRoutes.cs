using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Enrollment;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// Admin Operations <c>/api/endpoint/v1</c>: list (paging, filters <c>name</c>, <c>uriExtension</c>, <c>endpointTypes</c>),
/// create (201 + Location), get, update (204), delete (204), <c>/{id}/config</c> get and put. Only web forms for client
/// (<c>SMIME_WEB_FORM</c>) and device (<c>DEVICE_WEB_FORM</c>) certificates are emulated. Accounts: <see cref="WebFormAccountRoutes"/>.
/// </summary>
internal static partial class EnrollmentEndpointRoutes
{
    public static readonly string[] FormTypes = ["SMIME_WEB_FORM", "DEVICE_WEB_FORM"];
    private static readonly string[] AuthTypes = ["EMAIL_CONFIRMATION", "IDP", "SECRET_ID"];

    public static void MapEnrollmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/endpoint/v1").On(ServedOn.Admin);
        group.MapGet("/", List);
        group.MapPost("/", (HttpContext context, WebFormStore store, EnrollmentEndpointDirectory directory) => Save(context, null, store, directory));
        group.MapGet("/{id:int}", async (HttpContext context, int id, WebFormStore store, EnrollmentEndpointDirectory directory) =>
            await Find(context, id, store) is { } row ? Results.Json(ToDetails(context.Caller().Customer, row, directory)) : NotFound(id));
        group.MapPut("/{id:int}", (HttpContext context, int id, WebFormStore store, EnrollmentEndpointDirectory directory) => Save(context, id, store, directory));
        group.MapDelete("/{id:int}", async (HttpContext context, int id, WebFormStore store) =>
            await store.DeleteEndpointAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted) > 0 ? Results.NoContent() : NotFound(id));
        group.MapGet("/{id:int}/config", async (HttpContext context, int id, WebFormStore store) =>
            await Find(context, id, store) is { } row ? Results.Json(ToConfig(row)) : NotFound(id));
        group.MapPut("/{id:int}/config", async (HttpContext context, int id, EndpointConfigDto body, WebFormStore store) =>
        {
            if (await Find(context, id, store) is not { } row)
            {
                return NotFound(id);
            }

            if (CheckConfig(body) is { } error)
            {
                return error;
            }

            Apply(row, body);
            await store.UpdateEndpointAsync(row, context.RequestAborted);
            return Results.Ok();
        });
        group.MapWebFormAccounts();
    }

    public static IResult NotFound(int id) => ScmResults.Error(404, -1, $"Enrollment endpoint {id} not found.");

    public static Task<WebFormEndpointRow?> Find(HttpContext context, int id, WebFormStore store) =>
        store.GetEndpointAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted);

    private static async Task<IResult> List(HttpContext context, WebFormStore store)
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

        var types = Values(q["endpointTypes"], q["endpointTypes[]"]);
        var (items, total) = await store.ListEndpointsAsync(
            context.Caller().Customer.CustomerUri, NullIfEmpty(q["name"]), NullIfEmpty(q["uriExtension"]), types, position, size, context.RequestAborted);
        context.Response.Headers["X-Total-Count"] = total.ToString(CultureInfo.InvariantCulture);
        return Results.Json(items.Select(r => new EndpointDetailsDto((int)r.Id, r.Name, r.Type, DelegationMode(r))));
    }

    private static async Task<IResult> Save(HttpContext context, int? id, WebFormStore store, EnrollmentEndpointDirectory directory)
    {
        var customer = context.Caller().Customer;
        var row = new WebFormEndpointRow { CustomerUri = customer.CustomerUri, WebFormAuthTypes = "EMAIL_CONFIRMATION" };
        if (id is not null)
        {
            if (await Find(context, id.Value, store) is not { } existing)
            {
                return NotFound(id.Value);
            }

            row = existing;
        }

        var body = await ReadAsync(context);
        if (await Check(customer, id, body, row, store, context.RequestAborted) is { } error)
        {
            return error;
        }

        row.Name = body.Name ?? row.Name;
        row.Type = body.EndpointType ?? row.Type;
        row.UriExtension = body.UriExtension ?? row.UriExtension;
        row.OrgDelegations = body.OrgDelegations is null ? row.OrgDelegations : string.Join(',', body.OrgDelegations);
        Apply(row, body.Config ?? new EndpointConfigDto());
        if (id is not null)
        {
            await store.UpdateEndpointAsync(row, context.RequestAborted);
            return Results.NoContent();
        }

        var newId = await store.InsertEndpointAsync(row, context.RequestAborted);
        context.Response.Headers.Location = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}/api/endpoint/v1/{newId}";
        return Results.StatusCode(201);
    }

    private static async Task<IResult?> Check(
        EmulatorCustomer customer, int? id, EndpointRequest body, WebFormEndpointRow row, WebFormStore store, CancellationToken cancellationToken)
    {
        if (id is null && string.IsNullOrWhiteSpace(body.Name))
        {
            return ScmResults.Missing("name");
        }

        if (id is null && string.IsNullOrWhiteSpace(body.EndpointType))
        {
            return ScmResults.Missing("endpointType");
        }

        if (id is null && string.IsNullOrWhiteSpace(body.UriExtension))
        {
            return ScmResults.Missing("uriExtension");
        }

        if (body.Name is { Length: < 1 or > 256 })
        {
            return ScmResults.Invalid("name");
        }

        if (body.EndpointType is not null && (!FormTypes.Contains(body.EndpointType) || (id is not null && body.EndpointType != row.Type)))
        {
            return ScmResults.Error(400, -1601, "Field 'endpointType' has invalid value: the emulator has SMIME_WEB_FORM and DEVICE_WEB_FORM (not changeable).");
        }

        if (body.UriExtension is not null && !UriExtensionPattern().IsMatch(body.UriExtension))
        {
            return ScmResults.Invalid("uriExtension");
        }

        if (body.UriExtension is not null && await store.FindEndpointByUriExtensionAsync(body.UriExtension, cancellationToken) is { } other && other.Id != id)
        {
            return ScmResults.Error(400, -1601, "Field 'uriExtension' has invalid value: another endpoint uses it.");
        }

        if (body.OrgDelegations is not null && body.OrgDelegations.Any(o => customer.FindOrganization(o) is null))
        {
            return ScmResults.Invalid("orgDelegations");
        }

        return body.Config is null ? null : CheckConfig(body.Config);
    }

    private static IResult? CheckConfig(EndpointConfigDto config)
    {
        (string Field, string? Value, int Max)[] lengths =
        [
            ("enrollmentHelp", config.EnrollmentHelp, 2048), ("enrollmentLinkName", config.EnrollmentLinkName, 1024),
            ("enrollmentLinkAddress", config.EnrollmentLinkAddress, 2048), ("contactName", config.ContactName, 1024),
            ("contactEmail", config.ContactEmail, 1024), ("contactPhone", config.ContactPhone, 32),
        ];
        if (lengths.FirstOrDefault(f => f.Value is not null && f.Value.Length > f.Max) is { Field: { } tooLong })
        {
            return ScmResults.Invalid(tooLong);
        }

        if (config.EnrollmentLinkAddress is { Length: > 0 } link && !LinkPattern().IsMatch(link))
        {
            return ScmResults.Invalid("enrollmentLinkAddress");
        }

        return config.WebFormAuthTypes is { } types && (types.Count == 0 || types.Any(t => !AuthTypes.Contains(t)))
            ? ScmResults.Invalid("webFormAuthTypes")
            : null;
    }

    private static void Apply(WebFormEndpointRow row, EndpointConfigDto config)
    {
        row.EnrollmentHelp = config.EnrollmentHelp ?? row.EnrollmentHelp;
        row.EnrollmentLinkName = config.EnrollmentLinkName ?? row.EnrollmentLinkName;
        row.EnrollmentLinkAddress = config.EnrollmentLinkAddress ?? row.EnrollmentLinkAddress;
        row.ContactName = config.ContactName ?? row.ContactName;
        row.ContactEmail = config.ContactEmail ?? row.ContactEmail;
        row.ContactPhone = config.ContactPhone ?? row.ContactPhone;
        row.WebFormAuthTypes = config.WebFormAuthTypes is null ? row.WebFormAuthTypes : string.Join(',', config.WebFormAuthTypes.Distinct());
    }

    /// <summary>The request of create/update: a JSON body (25.5 reference) or query parameters (OpenAPI document).</summary>
    private static async Task<EndpointRequest> ReadAsync(HttpContext context)
    {
        if (context.Request.HasJsonContentType())
        {
            try
            {
                return await context.Request.ReadFromJsonAsync<EndpointRequest>(context.RequestAborted) ?? new EndpointRequest();
            }
            catch (JsonException ex)
            {
                throw new BadHttpRequestException("Malformed JSON.", ex);
            }
        }

        var q = context.Request.Query;
        var auth = Values(q["config.webFormAuthTypes"], q["config.webFormAuthTypes[]"]);
        var orgs = Values(q["orgDelegations"], q["orgDelegations[]"]);
        return new EndpointRequest
        {
            Name = NullIfEmpty(q["name"]), EndpointType = NullIfEmpty(q["endpointType"]), UriExtension = NullIfEmpty(q["uriExtension"]),
            OrgDelegations = orgs.Count == 0 ? null : [.. orgs.Select(o => int.TryParse(o, out var v) ? v : 0)],
            Config = new EndpointConfigDto
            {
                EnrollmentHelp = NullIfEmpty(q["config.enrollmentHelp"]), EnrollmentLinkName = NullIfEmpty(q["config.enrollmentLinkName"]),
                EnrollmentLinkAddress = NullIfEmpty(q["config.enrollmentLinkAddress"]), ContactName = NullIfEmpty(q["config.contactName"]),
                ContactEmail = NullIfEmpty(q["config.contactEmail"]), ContactPhone = NullIfEmpty(q["config.contactPhone"]),
                WebFormAuthTypes = auth.Count == 0 ? null : [.. auth],
            },
        };
    }

    private static EndpointDetailsDto ToDetails(EmulatorCustomer customer, WebFormEndpointRow row, EnrollmentEndpointDirectory directory) =>
        new((int)row.Id, row.Name, row.Type, DelegationMode(row), directory.FormUrl(row.UriExtension).ToString(), row.UriExtension,
            [.. row.OrgIds.Select(customer.FindOrganization).OfType<EmulatorOrganization>().Select(o => new AccountOrganizationDto(o.Id, o.Name))],
            row.AuthTypes);

    private static EndpointConfigDto ToConfig(WebFormEndpointRow row) => new()
    {
        EnrollmentHelp = row.EnrollmentHelp, EnrollmentLinkName = row.EnrollmentLinkName, EnrollmentLinkAddress = row.EnrollmentLinkAddress,
        WebFormAuthTypes = [.. row.AuthTypes], ContactName = row.ContactName, ContactEmail = row.ContactEmail, ContactPhone = row.ContactPhone,
    };

    private static string DelegationMode(WebFormEndpointRow row) => row.OrgIds.Count == 0 ? "GLOBAL_FOR_CUSTOMER" : "CUSTOMIZED";

    private static List<string> Values(StringValues plain, StringValues bracketed) =>
        [.. plain.Concat(bracketed).SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static string? NullIfEmpty(StringValues value) => StringValues.IsNullOrEmpty(value) ? null : value.ToString();

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,58}$")]
    private static partial Regex UriExtensionPattern();

    [GeneratedRegex("^(https?|ftps?)://[^\\s]+$|^mailto:[^\\s]+$")]
    private static partial Regex LinkPattern();
}
