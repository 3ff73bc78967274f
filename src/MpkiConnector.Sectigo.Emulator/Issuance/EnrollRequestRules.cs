using System.Globalization;
using MpkiConnector.Sectigo.Emulator.Api;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>The checks SCM makes on an enroll body before it looks at persons and the CSR: fields, organisation, profile, term.</summary>
internal static class EnrollRequestRules
{
    /// <summary>Required fields and lengths (-7, -1601).</summary>
    public static IResult? CheckFields(EnrollRequest body, bool smime)
    {
        if (string.IsNullOrWhiteSpace(body.Csr))
        {
            return ScmResults.Missing("csr");
        }

        var missing = body.OrgId is null ? "orgId"
            : body.CertType is null ? "certType"
            : body.Term is null ? "term"
            : smime && string.IsNullOrWhiteSpace(body.Email) ? "email"
            : smime && string.IsNullOrWhiteSpace(body.FirstName) ? "firstName"
            : smime && string.IsNullOrWhiteSpace(body.LastName) ? "lastName"
            : null;
        if (missing is not null)
        {
            return ScmResults.Missing(missing);
        }

        var tooLong = (body.Comments?.Length ?? 0) > 1024 ? "comments"
            : (body.CommonName?.Length ?? 0) > 64 ? "commonName"
            : (body.Email?.Length ?? 0) > 128 ? "email"
            : null;
        return tooLong is null ? null : ScmResults.Invalid(tooLong);
    }

    /// <summary>
    /// The organisation (or the one of a department) and the profile of the enroll, or the onboarding error that
    /// stops it: unknown or unmanaged organisation, not validated, API disabled, profile unknown, not offered, no such term,
    /// a mandatory custom field missing.
    /// </summary>
    public static (EmulatorOrganization? Organization, EmulatorProfile? Profile, IResult? Error) CheckAccount(
        ScmCaller caller, EmulatorOnboardingErrors errors, EnrollRequest body, string kind)
    {
        var orgId = body.OrgId!.Value;
        var customer = caller.Customer;
        var organization = customer.FindOrganization(orgId);
        if (organization is null)
        {
            return Fail(ScmResults.Error(errors.InvalidOrgId, orgId.ToString(CultureInfo.InvariantCulture)));
        }

        var orgError = !caller.MayManage(organization.Id) && !caller.MayManage(orgId) ? ScmResults.Error(errors.AdminNotForOrganization, organization.Name)
            : !organization.Validated ? ScmResults.Error(errors.OrganizationNotValidated, organization.Name)
            : !organization.ClientCertsApiEnabled ? ScmResults.Error(errors.ClientCertificateApiDisabled, organization.Name)
            : null;
        if (orgError is not null)
        {
            return Fail(orgError);
        }

        var certType = body.CertType!.Value;
        var profile = customer.Profiles.FirstOrDefault(p => p.Id == certType);
        if (profile is null)
        {
            return Fail(ScmResults.Error(errors.ProfileNotFound, certType.ToString(CultureInfo.InvariantCulture)));
        }

        var profileError = organization.NoProfiles ? ScmResults.Error(errors.NoProfileAvailable, organization.Name)
            : !string.Equals(profile.Kind, kind, StringComparison.OrdinalIgnoreCase)
                || (organization.ProfileIds.Count > 0 && !organization.ProfileIds.Contains(profile.Id)) ? ScmResults.Error(errors.ProfileInvalid, profile.Name)
            : profile.Terms.Count == 0 ? ScmResults.Error(errors.ProfileHasNoTerms, profile.Name)
            : !profile.Terms.Contains(body.Term!.Value) ? ScmResults.Error(errors.InvalidTerm, body.Term.Value.ToString(CultureInfo.InvariantCulture))
            : null;
        if (profileError is not null)
        {
            return Fail(profileError);
        }

        var missingField = customer.CustomFields.Where(f => f.Mandatory).Any(field =>
            body.CustomFields?.Any(v => string.Equals(v.Name, field.Name, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrEmpty(v.Value)) != true);
        return missingField
            ? Fail(ScmResults.Error(400, -62, "Missing mandatory custom field!"))
            : (organization, profile, null);
    }

    private static (EmulatorOrganization?, EmulatorProfile?, IResult?) Fail(IResult error) => (null, null, error);
}
