namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>
/// The answers for the operator set-up slips of issue 6 (and the authentication failures). Codes come from the
/// reference where it documents them; the others are marked <see cref="EmulatorErrorAnswer.Assumption"/>.
/// </summary>
public sealed class EmulatorOnboardingErrors
{
    /// <summary>customerUri header absent or unknown: -410 (HTTP 401 is an assumption).</summary>
    public EmulatorErrorAnswer CustomerNotFound { get; set; } = new(401, -410, "Customer {0} cannot be found.", true);

    /// <summary>login unknown: 401 -16 (documented).</summary>
    public EmulatorErrorAnswer UnknownUser { get; set; } = new(401, -16, "Unknown user");

    /// <summary>wrong password: -970 (HTTP 401 is an assumption).</summary>
    public EmulatorErrorAnswer IncorrectCredentials { get; set; } = new(401, -970, "Incorrect login credentials.", true);

    /// <summary>A "Standard" admin that has not changed its initial password yet (code undocumented).</summary>
    public EmulatorErrorAnswer PasswordChangeRequired { get; set; } =
        new(401, -971, "Password must be changed: log in to the web interface once and change the initial password.", true);

    /// <summary>The admin lacks the client-certificate privilege (-3; HTTP status an assumption).</summary>
    public EmulatorErrorAnswer NoClientCertificatePrivilege { get; set; } =
        new(403, -3, "You are not authorized to perform client certificate management.", true);

    /// <summary>The admin is not assigned to the organisation used (-226; HTTP status an assumption).</summary>
    public EmulatorErrorAnswer AdminNotForOrganization { get; set; } =
        new(400, -226, "This Admin account does not have privileges required to manage '{0}' organization.", true);

    /// <summary>orgId unknown: -639 (documented code).</summary>
    public EmulatorErrorAnswer InvalidOrgId { get; set; } = new(400, -639, "Supplied orgid invalid.");

    /// <summary>GET of an unknown organisation: -1023 (documented code).</summary>
    public EmulatorErrorAnswer OrganizationNotFound { get; set; } = new(404, -1023, "Organization '{0}' not found.");

    /// <summary>The organisation is not validated (code undocumented for client certificates).</summary>
    public EmulatorErrorAnswer OrganizationNotValidated { get; set; } =
        new(400, -843, "Client certificate cannot be requested due to 'NOT_VALIDATED' validation status of the selected organization '{0}'.", true);

    /// <summary>The organisation's client-certificate Web/REST API is not enabled (code undocumented).</summary>
    public EmulatorErrorAnswer ClientCertificateApiDisabled { get; set; } =
        new(400, -1021, "This operation cannot be performed for Organization '{0}': Web API for client certificates is not enabled.", true);

    /// <summary>The e-mail domain is not known to the customer (code from the domain API; use here an assumption).</summary>
    public EmulatorErrorAnswer DomainUnknown { get; set; } = new(400, -727, "The domain '{0}' does not exist.", true);

    /// <summary>The e-mail domain is not delegated to the organisation for S/MIME (an assumption).</summary>
    public EmulatorErrorAnswer DomainNotDelegated { get; set; } = new(400, -1010, "Domain '{0}' is not allowed.", true);

    /// <summary>The e-mail domain is not validated (DCV) (an assumption).</summary>
    public EmulatorErrorAnswer DomainNotValidated { get; set; } =
        new(400, -1137, "The domain(s) {0} have not been validated under the DCV procedure.", true);

    /// <summary>certType unknown: -111 (documented).</summary>
    public EmulatorErrorAnswer ProfileNotFound { get; set; } = new(400, -111, "No certificate profile found by id {0}");

    /// <summary>certType exists but is not available to the organisation: -172 (documented).</summary>
    public EmulatorErrorAnswer ProfileInvalid { get; set; } = new(400, -172, "The Client Certificate Profile is invalid!");

    /// <summary>The organisation has no client profile at all: -184 (documented).</summary>
    public EmulatorErrorAnswer NoProfileAvailable { get; set; } =
        new(400, -184, "Object has no available customized Client Certificate Profile.");

    /// <summary>The profile offers no term: -185 (documented).</summary>
    public EmulatorErrorAnswer ProfileHasNoTerms { get; set; } =
        new(400, -185, "Customized Client Certificate Profile: {0} has no available terms.");

    /// <summary>term not offered by the profile: -36 (documented).</summary>
    public EmulatorErrorAnswer InvalidTerm { get; set; } =
        new(400, -36, "The validity period (term) is invalid for this certificate profile.");

    /// <summary>Per-person certificate limit reached: -188 (documented).</summary>
    public EmulatorErrorAnswer PersonCertificateLimit { get; set; } =
        new(400, -188, "This user have already reached the maximum allowed number of valid certificates: {0}");

    /// <summary>The profile needs a person with a higher validation type (an assumption).</summary>
    public EmulatorErrorAnswer PersonValidationType { get; set; } =
        new(400, -1601, "Field 'validationType' has invalid value: the profile requires a person with validation type {0}.", true);

    /// <summary>The admin lacks the domain-management privilege (create, delegate, approve). Code from the reference's "not authorized" group; status assumed.</summary>
    public EmulatorErrorAnswer NoDomainPrivilege { get; set; } = new(400, -3, "Admin '{0}' is not authorized to manage domains.", true);
}
