using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Enrollment;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Endpoints;

/// <summary>
/// Person invitations (Admin Operations API and classic 25.5 V2): <c>GET /api/person/v2/{id}/invitation/endpoint</c> (the web forms open to the
/// person's organisation), <c>GET .../endpoint/{endpointId}/account</c> (their accounts for that organisation, with profile
/// names), <c>POST /api/person/v2/{id}/invitation/send</c> <c>{accountId}</c> (202; the invitation e-mail carries
/// <c>{PublicBaseUrl}/enroll/{uriExtension}/invitation/{token}</c>).
/// </summary>
internal static class InvitationRoutes
{
    public static void MapInvitations(this IEndpointRouteBuilder app)
    {
        // Both documents have these routes: the Admin Operations OpenAPI (bearer token) and the classic 25.5 reference
        // ("Send enrollment invitation", V2, with login/password/customerUri headers).
        var group = app.MapGroup("/api/person/v2/{id:long}/invitation").On(ServedOn.Both);
        group.MapGet("/endpoint", async (HttpContext context, long id, EmulatorStore persons, WebFormStore store, EnrollmentEndpointDirectory directory) =>
        {
            if (await FindPerson(context, id, persons) is not { } person)
            {
                return ScmResults.Error(400, -105, "Person not found.");
            }

            var (items, _) = await store.ListEndpointsAsync(
                context.Caller().Customer.CustomerUri, null, null, EnrollmentEndpointRoutes.FormTypes, 0, int.MaxValue, context.RequestAborted);
            return Results.Json(items.Where(e => OpenTo(e, person))
                .Select(e => new InvitationEndpointDto((int)e.Id, e.Name, directory.FormUrl(e.UriExtension).ToString())));
        });
        group.MapGet("/endpoint/{endpointId:int}/account", async (HttpContext context, long id, int endpointId, EmulatorStore persons, WebFormStore store) =>
        {
            if (await FindPerson(context, id, persons) is not { } person)
            {
                return ScmResults.Error(404, -105, "Person not found.");
            }

            if (await EnrollmentEndpointRoutes.Find(context, endpointId, store) is not { } endpoint || !OpenTo(endpoint, person))
            {
                return EnrollmentEndpointRoutes.NotFound(endpointId);
            }

            var customer = context.Caller().Customer;
            var (items, _) = await store.ListAccountsAsync(endpointId, 0, int.MaxValue, context.RequestAborted);
            return Results.Json(items.Where(a => OpenTo(customer, a, person)).Select(a => new InvitationAccountDto(
                (int)a.Id, a.Name, [.. a.Profiles.Select(p => customer.Profiles.FirstOrDefault(x => x.Id == p)?.Name ?? p.ToString(CultureInfo.InvariantCulture))])));
        });
        group.MapPost("/send", Send);
    }

    private static async Task<IResult> Send(
        HttpContext context, long id, InvitationRequest body, EmulatorStore persons, WebFormStore store, EnrollmentEndpointDirectory directory,
        EmulatorMailSender mail, EmulatorRuntime runtime)
    {
        var customer = context.Caller().Customer;
        if (await FindPerson(context, id, persons) is not { } person)
        {
            return ScmResults.Error(404, -105, "Person not found.");
        }

        if (body.AccountId is not { } accountId)
        {
            return ScmResults.Missing("accountId");
        }

        if (await store.FindAccountAsync(customer.CustomerUri, accountId, context.RequestAborted) is not { } account
            || !OpenTo(customer, account, person)
            || await store.GetEndpointAsync(customer.CustomerUri, account.EndpointId, context.RequestAborted) is not { } endpointRow
            || !OpenTo(endpointRow, person))
        {
            return ScmResults.Error(400, -1601, "Field 'accountId' has invalid value: no web-form account open to this person has this id.");
        }

        var endpoint = endpointRow.ToRecord();
        var invitation = await directory.CreateInvitationAsync((int)person.Id, person.Email, endpoint.Id, (int)account.Id, context.RequestAborted);
        var link = directory.InvitationLink(endpoint, invitation);
        var text =
            $"""
            Hello {person.FirstName},

            you are invited to enroll for a certificate through "{endpoint.Name}" (account "{account.Name}").
            Open this link in your browser; it works for {runtime.Options.InvitationLifetimeHours} hours:

            {link}

            If you did not expect this invitation, ignore this message.
            """;
        await mail.SendAsync(person.Email, $"Certificate enrollment invitation: {endpoint.Name}", text, context.RequestAborted);
        return Results.StatusCode(202);
    }

    private static Task<PersonRow?> FindPerson(HttpContext context, long id, EmulatorStore persons) =>
        persons.GetPersonAsync(context.Caller().Customer.CustomerUri, id, context.RequestAborted);

    /// <summary>An endpoint is open to a person when it is delegated to the whole customer or to the person's organisation.</summary>
    private static bool OpenTo(WebFormEndpointRow endpoint, PersonRow person) =>
        endpoint.OrgIds.Count == 0 || endpoint.OrgIds.Contains((int)person.OrganizationId);

    /// <summary>An account is open to a person of its organisation (or of the organisation holding its department).</summary>
    private static bool OpenTo(EmulatorCustomer customer, WebFormAccountRow account, PersonRow person) =>
        account.OrganizationId == person.OrganizationId || customer.FindOrganization((int)account.OrganizationId)?.Id == person.OrganizationId;
}
