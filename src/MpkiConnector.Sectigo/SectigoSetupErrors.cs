namespace MpkiConnector.Sectigo;

/// <summary>
/// Recognises SCM set-up slips whose codes are not documented (organisation not validated, client-certificate REST
/// not enabled, domain not delegated or not validated, initial password not changed...) by code and by
/// description, and names the one step that fixes each.
/// </summary>
internal static class SectigoSetupErrors
{
    public static (MpkiErrorKind Kind, string Remediation)? TryClassify(SectigoAccountIdentity id, int? code, string description)
    {
        switch (code)
        {
            case -971:
                return (MpkiErrorKind.Authentication, PasswordChange(id));
            case -226:
                return (MpkiErrorKind.Authorization, AdminOrganization(id));
            case -843:
                return (MpkiErrorKind.Configuration, OrganizationNotValidated);
            case -1021:
                return (MpkiErrorKind.Configuration, RestNotEnabled);
            case -727:
                return (MpkiErrorKind.Configuration, DomainUnknown);
            case -1010:
                return (MpkiErrorKind.Configuration, DomainNotDelegated);
            case -1137:
                return (MpkiErrorKind.Configuration, DomainNotValidated);
            case -1601:
                return (MpkiErrorKind.Configuration, PersonValidation);
        }

        var d = description;
        if (Has(d, "validationType") || Has(d, "validation type"))
        {
            return (MpkiErrorKind.Configuration, PersonValidation);
        }

        if (Has(d, "password") && (Has(d, "change") || Has(d, "expired") || Has(d, "initial")))
        {
            return (MpkiErrorKind.Authentication, PasswordChange(id));
        }

        if ((Has(d, "rest") || Has(d, "web api") || Has(d, "api")) && (Has(d, "not enabled") || Has(d, "disabled")))
        {
            return (MpkiErrorKind.Configuration, RestNotEnabled);
        }

        if (Has(d, "domain") && Has(d, "delegat"))
        {
            return (MpkiErrorKind.Configuration, DomainNotDelegated);
        }

        if (Has(d, "domain") && (Has(d, "validat") || Has(d, "dcv")))
        {
            return (MpkiErrorKind.Configuration, DomainNotValidated);
        }

        if (Has(d, "domain") && (Has(d, "unknown") || Has(d, "not found") || Has(d, "does not exist") || Has(d, "not allowed")))
        {
            return (MpkiErrorKind.Configuration, DomainUnknown);
        }

        if (Has(d, "organization") || Has(d, "organisation"))
        {
            if (Has(d, "validat"))
            {
                return (MpkiErrorKind.Configuration, OrganizationNotValidated);
            }

            if (Has(d, "privilege") || Has(d, "not allowed") || Has(d, "not authorized") || Has(d, "permission"))
            {
                return (MpkiErrorKind.Authorization, AdminOrganization(id));
            }
        }

        if (Has(d, "privilege") || Has(d, "permission") || Has(d, "not authorized") || Has(d, "not authorised"))
        {
            return (MpkiErrorKind.Authorization, $"In SCM (Settings > Admins > '{id.Login}'), give the admin the client certificate (S/MIME) privilege.");
        }

        return null;
    }

    public const string RestNotEnabled = "In SCM (Organizations > Edit > Certificate Settings > Client Certificates), tick 'Enable Web / REST API' for the organisation.";

    public const string OrganizationNotValidated = "In SCM (Organizations), have the organisation validated before enrolling certificates for it.";

    public const string DomainUnknown = "In SCM (Domains), add the mail domain and delegate it to the organisation for S/MIME.";

    public const string DomainNotDelegated = "In SCM (Domains > the domain > Delegate), delegate the mail domain to the organisation for S/MIME (client certificates) and have the delegation approved.";

    public const string DomainNotValidated = "In SCM (Domains > the domain > Validate), complete the domain control validation (DCV) of the mail domain.";

    public const string PersonValidation = "Set ManagePersonRecords to true and PersonValidationType to the validation type the certificate profile requires (for example High), or validate the person in SCM.";

    public static string PasswordChange(SectigoAccountIdentity id) =>
        $"Log in once to the SCM web portal as '{id.Login}' and change its initial password; then set the new password here (and switch the admin to API use only if wanted).";

    public static string AdminOrganization(SectigoAccountIdentity id) =>
        $"In SCM (Settings > Admins > '{id.Login}'), add the organisation to the admin's RA role.";

    private static bool Has(string text, string part) => text.Contains(part, StringComparison.OrdinalIgnoreCase);
}
