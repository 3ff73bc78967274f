using System.Globalization;
using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>
/// Enroll (S/MIME and device) and renew: runs the checks SCM makes before it creates an order
/// (<see cref="EnrollRequestRules"/>, <see cref="DomainCoverage"/>, <see cref="CsrInspector"/>, the person rules), then
/// hands the order to <see cref="OrderPlacement"/>.
/// </summary>
internal sealed class EnrollmentService(EmulatorStore store, EmulatorRuntime runtime, OrderPlacement placement, TimeProvider time)
{
    public async Task<IResult> EnrollAsync(HttpContext context, EnrollRequest body, string kind)
    {
        var caller = context.Caller();
        var errors = runtime.Options.Errors;
        var smime = kind == "smime";
        if (EnrollRequestRules.CheckFields(body, smime) is { } fieldError)
        {
            return fieldError;
        }

        var (organization, profile, accountError) = EnrollRequestRules.CheckAccount(caller, errors, body, kind);
        if (accountError is not null)
        {
            return accountError;
        }

        var orgId = body.OrgId!.Value;
        if (smime && DomainCoverage.Check(caller.Customer, errors, organization!, orgId, body.Email!) is { } domainError)
        {
            return domainError;
        }

        var csr = CsrInspector.Check(body.Csr!, profile!);
        if (!csr.Ok)
        {
            return ScmResults.Error(400, csr.ErrorCode, csr.ErrorDescription!);
        }

        long? personId = null;
        if (smime)
        {
            var (id, personError) = await PersonForAsync(caller.Customer.CustomerUri, body, profile!, context.RequestAborted);
            if (personError is not null)
            {
                return personError;
            }

            personId = id;
        }

        var order = new OrderRow
        {
            CustomerUri = caller.Customer.CustomerUri,
            Login = caller.Account.Login,
            Kind = kind,
            OrgId = orgId,
            CertType = profile!.Id,
            Term = body.Term!.Value,
            Email = body.Email,
            FirstName = body.FirstName,
            MiddleName = body.MiddleName,
            LastName = body.LastName,
            CommonName = body.CommonName,
            Comments = body.Comments,
            Csr = csr.Pem!,
            PersonId = personId,
            CustomFields = body.CustomFields is null ? null : JsonSerializer.Serialize(body.CustomFields),
            State = "requested",
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            KeyType = csr.KeyType,
        };
        return await placement.PlaceAsync(context, caller, order);
    }

    /// <summary>Renew: a new order with the original's CSR and parameters.</summary>
    public async Task<IResult> RenewAsync(HttpContext context, OrderRow original)
    {
        var caller = context.Caller();
        if (original.State is not ("issued" or "expired"))
        {
            return ScmResults.Error(400, -105, $"Error was occurred while renewing cert. Status = {original.State}");
        }

        var renewed = new OrderRow
        {
            CustomerUri = original.CustomerUri,
            Login = caller.Account.Login,
            Kind = original.Kind,
            OrgId = original.OrgId,
            CertType = original.CertType,
            Term = original.Term,
            Email = original.Email,
            FirstName = original.FirstName,
            MiddleName = original.MiddleName,
            LastName = original.LastName,
            CommonName = original.CommonName,
            Comments = original.Comments,
            Csr = original.Csr,
            PersonId = original.PersonId,
            CustomFields = original.CustomFields,
            State = "requested",
            CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            RenewedFrom = original.Id,
            KeyType = original.KeyType,
        };
        return await placement.PlaceAsync(context, caller, renewed);
    }

    /// <summary>The person of the address (created as STANDARD when missing), unless the profile's validation type or the per-person limit stops the enroll.</summary>
    private async Task<(long? PersonId, IResult? Error)> PersonForAsync(string customerUri, EnrollRequest body, EmulatorProfile profile, CancellationToken cancellationToken)
    {
        var errors = runtime.Options.Errors;
        var person = await store.FindPersonByEmailAsync(customerUri, body.Email!, cancellationToken);
        if (profile.RequiredValidationType is { } required
            && !string.Equals(person?.ValidationType, required, StringComparison.OrdinalIgnoreCase))
        {
            return (null, ScmResults.Error(errors.PersonValidationType, required));
        }

        var limit = runtime.Options.PersonCertificateLimit;
        if (limit > 0
            && await store.CountValidCertificatesAsync(customerUri, body.Email!, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken) >= limit)
        {
            return (null, ScmResults.Error(errors.PersonCertificateLimit, limit.ToString(CultureInfo.InvariantCulture)));
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        return (person?.Id ?? await store.InsertPersonAsync(new PersonRow
        {
            CustomerUri = customerUri,
            FirstName = body.FirstName!,
            MiddleName = body.MiddleName,
            LastName = body.LastName!,
            Email = body.Email!,
            OrganizationId = body.OrgId!.Value,
            ValidationType = "STANDARD",
            Phone = body.Phone,
            CommonName = body.CommonName,
            SecondaryEmails = body.SecondaryEmails is null ? null : JsonSerializer.Serialize(body.SecondaryEmails),
            Eppn = body.Eppn,
            Upn = body.Upn,
            CreatedAt = now,
            ModifiedAt = now,
        }, cancellationToken), null);
    }
}
