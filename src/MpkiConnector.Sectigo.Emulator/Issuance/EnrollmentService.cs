using System.Text.Json;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>Enroll (S/MIME and device) and renew: every check SCM makes before it creates an order, then the order.</summary>
internal sealed class EnrollmentService(EmulatorStore store, EmulatorRuntime runtime, TimeProvider time, ILogger<EnrollmentService> logger)
{
    public async Task<IResult> EnrollAsync(HttpContext context, EnrollRequest body, string kind)
    {
        var caller = context.Caller();
        var errors = runtime.Options.Errors;
        var cancellationToken = context.RequestAborted;
        var smime = kind == "smime";

        if (string.IsNullOrWhiteSpace(body.Csr))
        {
            return ScmResults.Missing("csr");
        }

        if (body.OrgId is null)
        {
            return ScmResults.Missing("orgId");
        }

        if (body.CertType is null)
        {
            return ScmResults.Missing("certType");
        }

        if (body.Term is null)
        {
            return ScmResults.Missing("term");
        }

        if (smime && string.IsNullOrWhiteSpace(body.Email))
        {
            return ScmResults.Missing("email");
        }

        if (smime && (string.IsNullOrWhiteSpace(body.FirstName) || string.IsNullOrWhiteSpace(body.LastName)))
        {
            return ScmResults.Missing(string.IsNullOrWhiteSpace(body.FirstName) ? "firstName" : "lastName");
        }

        if ((body.Comments?.Length ?? 0) > 1024 || (body.CommonName?.Length ?? 0) > 64 || (body.Email?.Length ?? 0) > 128)
        {
            return ScmResults.Invalid((body.Comments?.Length ?? 0) > 1024 ? "comments" : (body.CommonName?.Length ?? 0) > 64 ? "commonName" : "email");
        }

        var orgId = body.OrgId.Value;
        var organization = caller.Customer.Organizations.FirstOrDefault(o => o.Id == orgId)
            ?? caller.Customer.Organizations.FirstOrDefault(o => o.Departments.Any(d => d.Id == orgId));
        if (organization is null)
        {
            return ScmResults.Error(errors.InvalidOrgId, orgId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (!caller.MayManage(organization.Id) && !caller.MayManage(orgId))
        {
            return ScmResults.Error(errors.AdminNotForOrganization, organization.Name);
        }

        if (!organization.Validated)
        {
            return ScmResults.Error(errors.OrganizationNotValidated, organization.Name);
        }

        if (!organization.ClientCertsApiEnabled)
        {
            return ScmResults.Error(errors.ClientCertificateApiDisabled, organization.Name);
        }

        var profile = caller.Customer.Profiles.FirstOrDefault(p => p.Id == body.CertType.Value);
        if (profile is null)
        {
            return ScmResults.Error(errors.ProfileNotFound, body.CertType.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (organization.NoProfiles)
        {
            return ScmResults.Error(errors.NoProfileAvailable, organization.Name);
        }

        if (!string.Equals(profile.Kind, kind, StringComparison.OrdinalIgnoreCase)
            || (organization.ProfileIds.Count > 0 && !organization.ProfileIds.Contains(profile.Id)))
        {
            return ScmResults.Error(errors.ProfileInvalid, profile.Name);
        }

        if (profile.Terms.Count == 0)
        {
            return ScmResults.Error(errors.ProfileHasNoTerms, profile.Name);
        }

        if (!profile.Terms.Contains(body.Term.Value))
        {
            return ScmResults.Error(errors.InvalidTerm, body.Term.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var field in caller.Customer.CustomFields.Where(f => f.Mandatory))
        {
            if (body.CustomFields?.Any(v => string.Equals(v.Name, field.Name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(v.Value)) != true)
            {
                return ScmResults.Error(400, -62, "Missing mandatory custom field!");
            }
        }

        if (smime && DomainCheck(caller.Customer, organization, orgId, body.Email!) is { } domainError)
        {
            return domainError;
        }

        var csr = CsrInspector.Check(body.Csr, profile);
        if (!csr.Ok)
        {
            return ScmResults.Error(400, csr.ErrorCode, csr.ErrorDescription!);
        }

        long? personId = null;
        if (smime)
        {
            var person = await store.FindPersonByEmailAsync(caller.Customer.CustomerUri, body.Email!, cancellationToken);
            if (profile.RequiredValidationType is { } required
                && !string.Equals(person?.ValidationType, required, StringComparison.OrdinalIgnoreCase))
            {
                return ScmResults.Error(errors.PersonValidationType, required);
            }

            if (runtime.Options.PersonCertificateLimit > 0)
            {
                var valid = await store.CountValidCertificatesAsync(
                    caller.Customer.CustomerUri, body.Email!, time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken);
                if (valid >= runtime.Options.PersonCertificateLimit)
                {
                    return ScmResults.Error(errors.PersonCertificateLimit,
                        runtime.Options.PersonCertificateLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }
            }

            personId = person?.Id ?? await store.InsertPersonAsync(new PersonRow
            {
                CustomerUri = caller.Customer.CustomerUri,
                FirstName = body.FirstName!,
                MiddleName = body.MiddleName,
                LastName = body.LastName!,
                Email = body.Email!,
                OrganizationId = orgId,
                ValidationType = "STANDARD",
                Phone = body.Phone,
                CommonName = body.CommonName,
                SecondaryEmails = body.SecondaryEmails is null ? null : JsonSerializer.Serialize(body.SecondaryEmails),
                Eppn = body.Eppn,
                Upn = body.Upn,
                CreatedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
                ModifiedAt = time.GetUtcNow().ToUnixTimeMilliseconds(),
            }, cancellationToken);
        }

        var order = new OrderRow
        {
            CustomerUri = caller.Customer.CustomerUri,
            Login = caller.Account.Login,
            Kind = kind,
            OrgId = orgId,
            CertType = profile.Id,
            Term = body.Term.Value,
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
        return await CreateAndAnswerAsync(context, caller, order);
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
        return await CreateAndAnswerAsync(context, caller, renewed);
    }

    private async Task<IResult> CreateAndAnswerAsync(HttpContext context, ScmCaller caller, OrderRow order)
    {
        // The order is committed even when the caller has gone: a lost answer must still leave the order behind.
        var id = await store.InsertOrderAsync(order, CancellationToken.None);
        EmulatorLog.OrderCreated(logger, id, order.Email, order.CertType, order.Term, caller.Account.Login);
        var behavior = caller.Behavior;
        if (runtime.TakeBurst(() => behavior.EnrollDropCount, v => behavior.EnrollDropCount = v))
        {
            EmulatorLog.Fault(logger, context.Request.Method, context.Request.Path.Value ?? "/", "enroll answer dropped after the order was created");
            context.Items[RequestLoggingMiddleware.DroppedKey] = true;
            context.Abort();
            return Results.Empty;
        }

        if (runtime.TakeBurst(() => behavior.EnrollTimeoutCount, v => behavior.EnrollTimeoutCount = v))
        {
            EmulatorLog.Fault(logger, context.Request.Method, context.Request.Path.Value ?? "/", "enroll answer delayed after the order was created");
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(behavior.EnrollTimeoutSeconds), time, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                context.Items[RequestLoggingMiddleware.DroppedKey] = true;
                return Results.Empty;
            }
        }

        return Results.Json(new EnrollResponse(id, id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private IResult? DomainCheck(EmulatorCustomer customer, EmulatorOrganization organization, int orgId, string email)
    {
        if (customer.Domains.Count == 0)
        {
            return null;
        }

        var errors = runtime.Options.Errors;
        var at = email.LastIndexOf('@');
        var domainName = at < 0 ? email : email[(at + 1)..];
        var domain = FindDomain(customer, domainName);
        if (domain is null || !domain.Active)
        {
            return ScmResults.Error(errors.DomainUnknown, domainName);
        }

        var delegated = domain.Delegations.Any(d =>
            (d.OrgId == organization.Id || d.OrgId == orgId)
            && d.CertTypes.Any(t => string.Equals(t, "SMIME", StringComparison.OrdinalIgnoreCase))
            && string.Equals(d.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase));
        if (!delegated)
        {
            return ScmResults.Error(errors.DomainNotDelegated, domainName);
        }

        return domain.Validated ? null : ScmResults.Error(errors.DomainNotValidated, domainName);
    }

    /// <summary>The configured domain covering <paramref name="name"/>: the same name, a parent, or a <c>*.</c> wildcard.</summary>
    public static EmulatorDomain? FindDomain(EmulatorCustomer customer, string name)
    {
        var candidate = name.ToLowerInvariant();
        while (true)
        {
            var found = customer.Domains.FirstOrDefault(d =>
                string.Equals(d.Name.TrimStart('*', '.'), candidate, StringComparison.OrdinalIgnoreCase));
            if (found is not null)
            {
                return found;
            }

            var dot = candidate.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0)
            {
                return null;
            }

            candidate = candidate[(dot + 1)..];
        }
    }
}
