using System.Text.Json;
using System.Text.Json.Serialization;
using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Emulator;

/// <summary>
/// Configuration of the SCM emulator, usually loaded from <c>config/emulator.json</c> with <see cref="Load"/>.
/// The object stays live while the emulator runs: changing a behaviour knob or an onboarding state takes effect
/// on the next request.
/// </summary>
public sealed class ScmEmulatorOptions
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>URLs Kestrel listens on; default <c>http://127.0.0.1:0</c> (a free port).</summary>
    public List<string> Urls { get; set; } = ["http://127.0.0.1:0"];

    /// <summary>Folder for the SQLite state and the CA; required.</summary>
    public string DataDirectory { get; set; } = string.Empty;

    /// <summary>Name of the local CA created on first start.</summary>
    public string CaName { get; set; } = "SCM Emulator";

    /// <summary>Seed of the random faults.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Maximum valid certificates per person (-188); 0: no limit.</summary>
    public int PersonCertificateLimit { get; set; }

    /// <summary>First order number handed out in a fresh data folder.</summary>
    public long FirstOrderNumber { get; set; } = 1001;

    /// <summary>How long an OAuth2 access token of the token endpoint lives (<c>expires_in</c>), seconds; default 300 (Keycloak's default).</summary>
    public int TokenLifetimeSeconds { get; set; } = 300;

    /// <summary>How long a one-time self-enrollment link (<c>mpki-enroll:</c>) may be redeemed after the form made it; default 15 minutes.</summary>
    public TimeSpan EnrollmentLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Whether the classic surface (header or client-certificate auth) also serves the Admin Operations routes (S/MIME v2
    /// enroll, collect, types, revoke, details). Default false: the 25.5 reference gives those routes only v1; Sectigo's
    /// developer portal says the Admin endpoints also accept header auth on cert-manager.com (a knob: the sources disagree).
    /// </summary>
    public bool ClassicServesAdminRoutes { get; set; }

    /// <summary>
    /// How domain details spell <c>validationStatus</c>. Default false: "Validated" / "Not validated", the enum of both
    /// documents (OpenAPI <c>DcvStatus</c>, 25.5's field description); true: "VALIDATED" / "NOT_VALIDATED", as 25.5's
    /// example answer has it.
    /// </summary>
    public bool DomainValidationStatusAsInExample { get; set; }

    /// <summary>New delegations (domain create, delegate) start as REQUESTED and wait for approve (default true); false: ACTIVE at once.</summary>
    public bool DelegationsNeedApproval { get; set; } = true;

    /// <summary>Whether a domain created through the API is validated (DCV done) at once; default false (DCV remains).</summary>
    public bool NewDomainsValidated { get; set; }

    /// <summary>
    /// The base URL the self-enrollment links use (<c>{PublicBaseUrl}/enroll/{uriExtension}/invitation/{token}</c>);
    /// default null: the address the emulator listens on.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>How long an enrollment invitation link works, hours; default 168 (7 days; Sectigo does not document it).</summary>
    public int InvitationLifetimeHours { get; set; } = 168;

    /// <summary>Where invitation e-mails go (SMTP or a folder of <c>.eml</c> files).</summary>
    public EmulatorMailOptions Mail { get; set; } = new();

    /// <summary>
    /// Person Secret IDs by e-mail (the web form's <c>SECRET_ID</c> authentication). The Admin Operations document does not
    /// model a person's secret id, so the emulator takes them from here (an emulator knob).
    /// </summary>
    public Dictionary<string, string> PersonSecretIds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Global behaviour (per-account <see cref="EmulatorAccount.Behavior"/> replaces it).</summary>
    public EmulatorBehavior Behavior { get; set; } = new();

    /// <summary>Answers for onboarding and authentication failures.</summary>
    public EmulatorOnboardingErrors Errors { get; set; } = new();

    /// <summary>Customers (tenants).</summary>
    public List<EmulatorCustomer> Customers { get; set; } = [];

    /// <summary>Loads options from a JSON file (comments allowed; camelCase names).</summary>
    public static ScmEmulatorOptions Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<ScmEmulatorOptions>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"The emulator configuration '{path}' is empty.");
    }

    /// <summary>Parses options from JSON text.</summary>
    public static ScmEmulatorOptions Parse(string json)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        return JsonSerializer.Deserialize<ScmEmulatorOptions>(json, JsonOptions)
            ?? throw new InvalidOperationException("The emulator configuration is empty.");
    }

    /// <summary>
    /// A ready configuration: customer <c>emulator</c>, admin <c>operator</c>/<c>operator-password</c>, organisation 1001
    /// with a department, profiles 2001 (S/MIME, RSA and EC, 365/730 days), 2002 (HIGH validation) and 2003 (device),
    /// domains example.com/example.org delegated for S/MIME, web forms <c>smime</c> (account Staff, access code
    /// <c>staff-access-code</c>) and <c>device</c> (account Desktops, <c>desktop-access-code</c>).
    /// </summary>
    public static ScmEmulatorOptions CreateDefault(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        var keyTypes = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase)
        {
            ["RSA"] = ["2048", "3072", "4096"],
            ["EC"] = ["P256", "P384"],
        };
        return new ScmEmulatorOptions
        {
            DataDirectory = dataDirectory,
            Customers =
            [
                new EmulatorCustomer
                {
                    CustomerUri = "emulator",
                    Accounts = [new EmulatorAccount { Login = "operator", Password = "operator-password", ClientId = "operator-client", ClientSecret = "operator-secret" }],
                    Organizations =
                    [
                        new EmulatorOrganization
                        {
                            Id = 1001,
                            Name = "Example Org",
                            Departments = [new EmulatorDepartment { Id = 1101, Name = "Mail" }],
                        },
                    ],
                    Profiles =
                    [
                        new EmulatorProfile
                        {
                            Id = 2001, Name = "Emulator S/MIME", Description = "S/MIME signing and encryption",
                            Terms = [365, 730], KeyTypes = keyTypes,
                        },
                        new EmulatorProfile
                        {
                            Id = 2002, Name = "Emulator Personal (HIGH)", Description = "Needs a person with validation type HIGH",
                            Terms = [365], KeyTypes = keyTypes, RequiredValidationType = "HIGH",
                        },
                        new EmulatorProfile
                        {
                            Id = 2003, Name = "Emulator Device", Description = "Device certificates", Terms = [365],
                            KeyTypes = keyTypes, Kind = "device",
                        },
                    ],
                    CustomFields = [new EmulatorCustomField { Id = 1, Name = "Department", Mandatory = false }],
                    Domains =
                    [
                        new EmulatorDomain { Id = 501, Name = "example.com", Delegations = [new EmulatorDomainDelegation { OrgId = 1001 }] },
                        new EmulatorDomain { Id = 502, Name = "example.org", Delegations = [new EmulatorDomainDelegation { OrgId = 1001 }] },
                    ],
                    EnrollmentEndpoints =
                    [
                        new EmulatorEnrollmentEndpoint
                        {
                            Name = "Client certificates", UriExtension = "smime", WebFormAuthTypes = ["EMAIL_CONFIRMATION", "SECRET_ID"],
                            Accounts = [new EmulatorWebFormAccount { Name = "Staff", OrganizationId = 1001, ProfileIds = [2001], AccountAuthMethod = "ACCESS_CODE", AccessCode = "staff-access-code" }],
                        },
                        new EmulatorEnrollmentEndpoint
                        {
                            Name = "Device certificates", Type = "DEVICE_WEB_FORM", UriExtension = "device",
                            Accounts = [new EmulatorWebFormAccount { Name = "Desktops", OrganizationId = 1001, ProfileIds = [2003], AccountAuthMethod = "ACCESS_CODE", AccessCode = "desktop-access-code" }],
                        },
                    ],
                },
            ],
        };
    }

    /// <summary>Checks the options; throws with a message that names the setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new InvalidOperationException("ScmEmulatorOptions.DataDirectory is required.");
        }

        if (Urls.Count == 0)
        {
            throw new InvalidOperationException("ScmEmulatorOptions.Urls must name at least one URL.");
        }

        foreach (var customer in Customers)
        {
            if (string.IsNullOrWhiteSpace(customer.CustomerUri))
            {
                throw new InvalidOperationException("Every customer needs a customerUri.");
            }

            foreach (var profile in customer.Profiles)
            {
                if (profile.Terms.Any(t => t < 1))
                {
                    throw new InvalidOperationException($"Profile {profile.Id} of customer {customer.CustomerUri} has a term below 1 day.");
                }
            }
        }

        if (Customers.GroupBy(c => c.CustomerUri, StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            throw new InvalidOperationException("Customer URIs must be unique.");
        }
    }
}
