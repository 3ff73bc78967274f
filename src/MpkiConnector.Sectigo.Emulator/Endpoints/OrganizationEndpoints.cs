using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary><c>/api/organization/v1</c>: the organisations the admin may manage, with departments.</summary>
internal static class OrganizationEndpoints
{
    public static void MapOrganizations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/organization/v1", (HttpContext context) =>
        {
            var caller = context.Caller();
            return Results.Json(caller.Customer.Organizations
                .Where(o => caller.MayManage(o.Id))
                .Select(o => new OrganizationDto(o.Id, o.Name, Departments(o))));
        });
        app.MapGet("/api/organization/v1/{id:int}", (HttpContext context, int id, EmulatorRuntime runtime) =>
        {
            var caller = context.Caller();
            var organization = caller.Customer.Organizations.FirstOrDefault(o => o.Id == id);
            if (organization is null || !caller.MayManage(id))
            {
                return ScmResults.Error(runtime.Options.Errors.OrganizationNotFound, id.ToString(CultureInfo.InvariantCulture));
            }

            return Results.Json(new OrganizationDetailsDto(
                organization.Id,
                organization.Name,
                organization.Name,
                null,
                ["SSL", "SMIME"],
                organization.ClientCertsApiEnabled,
                false,
                organization.Validated ? "VALIDATED" : "NOT_VALIDATED",
                Departments(organization)));
        });
    }

    private static List<DepartmentDto> Departments(EmulatorOrganization organization) =>
        [.. organization.Departments.Select(d => new DepartmentDto(d.Id, d.Name, organization.Name))];
}
