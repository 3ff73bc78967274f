using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary><c>/api/domain/v1</c> and <c>/api/domain/v1/{id}</c> with delegations.</summary>
internal static class DomainEndpoints
{
    public static void MapDomains(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/domain/v1", (HttpContext context) =>
        {
            var domains = context.Caller().Customer.Domains;
            context.Response.Headers["X-Total-Count"] = domains.Count.ToString(CultureInfo.InvariantCulture);
            return Results.Json(domains.Select(d => new DomainDto(d.Id, d.Name)));
        });
        app.MapGet("/api/domain/v1/{id:int}", (HttpContext context, int id) =>
        {
            var domain = context.Caller().Customer.Domains.FirstOrDefault(d => d.Id == id);
            return domain is null
                ? ScmResults.Error(404, -727, $"The domain '{id}' does not exist.")
                : Results.Json(new DomainDetailsDto(
                    domain.Id,
                    domain.Name,
                    string.Empty,
                    domain.Active,
                    domain.Active,
                    domain.Validated ? "VALIDATED" : "NOT_VALIDATED",
                    [.. domain.Delegations.Select(d => new DomainDelegationDto(d.OrgId, d.CertTypes, d.Status))]));
        });
    }
}
