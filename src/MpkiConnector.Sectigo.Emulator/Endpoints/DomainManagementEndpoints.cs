using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// Domain management, as both documents have it: <c>POST /api/domain/v1</c> (201 + Location), <c>POST|DELETE
/// /api/domain/v1/{id}/delegation</c>, <c>POST /{id}/delegation/approve</c> and <c>/reject</c> with <c>{orgId}</c>,
/// <c>PUT /{id}/suspend</c> and <c>/activate</c>, <c>DELETE /{id}</c>. New delegations are REQUESTED until approved
/// (<see cref="ScmEmulatorOptions.DelegationsNeedApproval"/>); new domains still need DCV (<see cref="ScmEmulatorOptions.NewDomainsValidated"/>).
/// </summary>
internal static class DomainManagementEndpoints
{
    public static void MapDomainManagement(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/domain/v1");
        group.MapPost("/", Create);
        group.MapPost("/{id:int}/delegation", (HttpContext context, int id, DomainDelegationDto body, EmulatorRuntime runtime) =>
            Change(context, id, runtime, domain =>
            {
                var error = Validate(context.Caller().Customer, body);
                if (error is not null)
                {
                    return error;
                }

                domain.Delegations.RemoveAll(d => d.OrgId == body.OrgId);
                domain.Delegations.Add(NewDelegation(body, runtime.Options.DelegationsNeedApproval));
                return Results.Ok();
            }));
        group.MapDelete("/{id:int}/delegation", (HttpContext context, int id, [FromBody] DomainDelegationDto body, EmulatorRuntime runtime) =>
            Change(context, id, runtime, domain =>
                domain.Delegations.RemoveAll(d => d.OrgId == body.OrgId) > 0 ? Results.Ok() : NoDelegation(id, body.OrgId)));
        group.MapPost("/{id:int}/delegation/approve", (HttpContext context, int id, OrgIdRequest body, EmulatorRuntime runtime) =>
            Change(context, id, runtime, domain =>
            {
                var delegation = domain.Delegations.FirstOrDefault(d => d.OrgId == body.OrgId);
                if (delegation is null)
                {
                    return NoDelegation(id, body.OrgId ?? 0);
                }

                delegation.Status = "ACTIVE";
                return Results.Ok();
            }));
        group.MapPost("/{id:int}/delegation/reject", (HttpContext context, int id, OrgIdRequest body, EmulatorRuntime runtime) =>
            Change(context, id, runtime, domain =>
                domain.Delegations.RemoveAll(d => d.OrgId == body.OrgId && d.Status == "REQUESTED") > 0 ? Results.Ok() : NoDelegation(id, body.OrgId ?? 0)));
        group.MapPut("/{id:int}/suspend", (HttpContext context, int id, EmulatorRuntime runtime) =>
            Change(context, id, runtime, domain => Set(domain, active: false)));
        group.MapPut("/{id:int}/activate", (HttpContext context, int id, EmulatorRuntime runtime) =>
            Change(context, id, runtime, domain => Set(domain, active: true)));
        group.MapDelete("/{id:int}", (HttpContext context, int id, EmulatorRuntime runtime) =>
            Change(context, id, runtime, domain =>
            {
                context.Caller().Customer.Domains.Remove(domain);
                return Results.Ok();
            }));
    }

    private static IResult Create(HttpContext context, CreateDomainRequest body, EmulatorRuntime runtime)
    {
        var caller = context.Caller();
        if (!caller.Account.MayManageDomains)
        {
            return ScmResults.Error(runtime.Options.Errors.NoDomainPrivilege, caller.Account.Login);
        }

        if (string.IsNullOrWhiteSpace(body.Name) || body.Name.Length is < 4 or > 255)
        {
            return string.IsNullOrWhiteSpace(body.Name) ? ScmResults.Missing("name") : ScmResults.Invalid("name");
        }

        if (body.Delegations is not { Count: > 0 })
        {
            return ScmResults.Missing("delegations");
        }

        if (body.Delegations.Select(d => Validate(caller.Customer, d)).FirstOrDefault(e => e is not null) is { } invalid)
        {
            return invalid;
        }

        var domains = caller.Customer.Domains;
        lock (domains)
        {
            if (domains.Any(d => string.Equals(d.Name, body.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return ScmResults.Error(400, -1601, $"Domain '{body.Name}' already exists.");
            }

            var domain = new EmulatorDomain
            {
                Id = domains.Select(d => d.Id).DefaultIfEmpty(500).Max() + 1,
                Name = body.Name.Trim().ToLowerInvariant(),
                Description = body.Description,
                Active = body.Active is not { } active || active.ToString() is not ("false" or "False"),
                Validated = runtime.Options.NewDomainsValidated,
                Delegations = [.. body.Delegations.Select(d => NewDelegation(d, runtime.Options.DelegationsNeedApproval))],
            };
            domains.Add(domain);
            return Results.Created(
                new Uri(runtime.BaseAddress!, "api/domain/v1/" + domain.Id.ToString(CultureInfo.InvariantCulture)), null);
        }
    }

    private static IResult Change(HttpContext context, int id, EmulatorRuntime runtime, Func<EmulatorDomain, IResult> change)
    {
        var caller = context.Caller();
        if (!caller.Account.MayManageDomains)
        {
            return ScmResults.Error(runtime.Options.Errors.NoDomainPrivilege, caller.Account.Login);
        }

        lock (caller.Customer.Domains)
        {
            var domain = caller.Customer.Domains.FirstOrDefault(d => d.Id == id);
            return domain is null ? DomainEndpoints.NotFound(id) : change(domain);
        }
    }

    private static IResult? Validate(EmulatorCustomer customer, DomainDelegationDto delegation) =>
        customer.FindOrganization(delegation.OrgId) is null ? ScmResults.Error(400, -639, "Supplied orgid invalid.")
        : delegation.CertTypes is not { Count: > 0 } ? ScmResults.Missing("certTypes")
        : delegation.CertTypes.Any(t => t is not ("SSL" or "SMIME" or "CodeSign")) ? ScmResults.Invalid("certTypes")
        : null;

    private static EmulatorDomainDelegation NewDelegation(DomainDelegationDto body, bool needsApproval) => new()
    {
        OrgId = body.OrgId,
        CertTypes = [.. body.CertTypes ?? []],
        DomainCertificateRequestPrivileges = body.DomainCertificateRequestPrivileges is { Count: > 0 } privileges ? [.. privileges] : ["DOMAIN", "SUBDOMAIN"],
        Status = needsApproval ? "REQUESTED" : "ACTIVE",
    };

    private static IResult Set(EmulatorDomain domain, bool active)
    {
        domain.Active = active;
        return Results.Ok();
    }

    private static IResult NoDelegation(int id, int orgId) =>
        ScmResults.Error(404, -1, $"Domain {id} has no such delegation to organization {orgId}.");
}
