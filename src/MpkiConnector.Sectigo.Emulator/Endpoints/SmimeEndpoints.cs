using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Issuance;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// S/MIME discovery, enroll and collect. Classic (25.5): <c>/api/smime/v1/...</c> only; Admin Operations: <c>/api/smime/v2/...</c> only.
/// </summary>
internal static class SmimeEndpoints
{
    private const string DefaultFormat = "base64";

    public static void MapSmime(this IEndpointRouteBuilder app)
    {
        foreach (var (version, served) in new[] { ("v1", ServedOn.Classic), ("v2", ServedOn.Admin) })
        {
            var group = app.MapGroup($"/api/smime/{version}");
            group.MapGet("/types", (HttpContext context) => Types(context, "smime")).On(served);
            group.MapGet("/customFields", (HttpContext context) =>
                Results.Json(context.Caller().Customer.CustomFields.Select(f => new CustomFieldDto(f.Id, f.Name, f.Mandatory)))).On(served);
            group.MapPost("/enroll", (HttpContext context, EnrollRequest body, EnrollmentService enrollment) =>
                enrollment.EnrollAsync(context, body, "smime")).On(served);
            group.MapGet("/collect/{id:long}", (HttpContext context, long id, string? format, CollectHandler handler) =>
                handler.CollectAsync(context, id, format, "smime", DefaultFormat)).On(served);
        }

        // The older path form, in neither document (python-cert_manager and Keyfactor use it for SSL): classic only.
        app.MapGet("/api/smime/v1/collect/{id:long}/{format}", (HttpContext context, long id, string format, CollectHandler handler) =>
            handler.CollectAsync(context, id, format, "smime", DefaultFormat)).On(ServedOn.Classic);
    }

    /// <summary>Profiles of a kind, filtered by <c>organizationId</c> when given.</summary>
    public static IResult Types(HttpContext context, string kind)
    {
        var customer = context.Caller().Customer;
        var profiles = customer.Profiles.Where(p => string.Equals(p.Kind, kind, StringComparison.OrdinalIgnoreCase));
        if (int.TryParse(context.Request.Query["organizationId"], out var orgId))
        {
            var organization = customer.FindOrganization(orgId);
            if (organization is null)
            {
                return ScmResults.Error(context.RequestServices.GetRequiredService<EmulatorRuntime>().Options.Errors.OrganizationNotFound,
                    orgId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            profiles = organization.NoProfiles
                ? []
                : profiles.Where(p => organization.ProfileIds.Count == 0 || organization.ProfileIds.Contains(p.Id));
        }

        return Results.Json(profiles.Select(p => new ProfileDto(p.Id, p.Name, p.Description, p.Terms, p.KeyTypes, p.UseSecondaryOrgName)));
    }
}
