using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// <c>GET /api/domain/v1</c> (paging <c>size</c>/<c>position</c>, filters <c>name</c>, <c>state</c> active|inactive,
/// <c>status</c> requested|approved, <c>orgId</c>; <c>X-Total-Count</c>) and <c>GET /api/domain/v1/{id}</c>.
/// Management is in <see cref="DomainManagementEndpoints"/>.
/// </summary>
internal static class DomainEndpoints
{
    private const int MaxSize = 200;

    public static void MapDomains(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/domain/v1", List);
        app.MapGet("/api/domain/v1/{id:int}", (HttpContext context, int id, EmulatorRuntime runtime) =>
        {
            var domain = context.Caller().Customer.Domains.FirstOrDefault(d => d.Id == id);
            return domain is null ? NotFound(id) : Results.Json(ToDetails(domain, runtime.Options.DomainValidationStatusAsInExample));
        });
        app.MapDomainManagement();
    }

    public static IResult NotFound(int id) => ScmResults.Error(404, -727, $"The domain '{id}' does not exist.");

    private static IResult List(HttpContext context)
    {
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

        IEnumerable<EmulatorDomain> domains;
        lock (context.Caller().Customer.Domains)
        {
            domains = [.. context.Caller().Customer.Domains];
        }

        if (!string.IsNullOrWhiteSpace(q["name"]))
        {
            domains = domains.Where(d => d.Name.Contains(q["name"].ToString(), StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(q["state"]))
        {
            domains = domains.Where(d => d.Active == string.Equals(q["state"], "active", StringComparison.OrdinalIgnoreCase));
        }

        if (!string.IsNullOrWhiteSpace(q["status"]))
        {
            domains = domains.Where(d => DelegationStatus(d).Equals(
                string.Equals(q["status"], "requested", StringComparison.OrdinalIgnoreCase) ? "REQUESTED" : "ACTIVE", StringComparison.Ordinal));
        }

        if (int.TryParse(q["orgId"], out var orgId))
        {
            domains = domains.Where(d => d.Delegations.Any(x => x.OrgId == orgId));
        }

        var matching = domains.ToList();
        context.Response.Headers["X-Total-Count"] = matching.Count.ToString(CultureInfo.InvariantCulture);
        return Results.Json(matching.Skip(position).Take(size).Select(d => new DomainDto(d.Id, d.Name)));
    }

    public static DomainDetailsDto ToDetails(EmulatorDomain domain, bool validationAsInExample) => new(
        domain.Id,
        domain.Name,
        domain.Description,
        DelegationStatus(domain),
        domain.Active ? "ACTIVE" : "SUSPENDED",
        (domain.Validated, validationAsInExample) switch
        {
            (true, false) => "Validated",
            (false, false) => "Not validated",
            (true, true) => "VALIDATED",
            (false, true) => "NOT_VALIDATED",
        },
        [.. domain.Delegations.Select(d => new DomainDelegationDto(d.OrgId, d.CertTypes, d.DomainCertificateRequestPrivileges, d.Status))]);

    /// <summary>REQUESTED while any delegation waits for approval, else ACTIVE.</summary>
    private static string DelegationStatus(EmulatorDomain domain) =>
        domain.Delegations.Any(d => string.Equals(d.Status, "REQUESTED", StringComparison.OrdinalIgnoreCase)) ? "REQUESTED" : "ACTIVE";
}
