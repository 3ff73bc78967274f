using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>Which configured domain covers an address, and whether it may carry S/MIME for an organisation.</summary>
internal static class DomainCoverage
{
    /// <summary>The domain error for <paramref name="email"/> at this organisation, or null when the domain is active, delegated and validated.</summary>
    public static IResult? Check(EmulatorCustomer customer, EmulatorOnboardingErrors errors, EmulatorOrganization organization, int orgId, string email)
    {
        if (customer.Domains.Count == 0)
        {
            return null;
        }

        var at = email.LastIndexOf('@');
        var domainName = at < 0 ? email : email[(at + 1)..];
        var domain = Find(customer, domainName);
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
    public static EmulatorDomain? Find(EmulatorCustomer customer, string name)
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
