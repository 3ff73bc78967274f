namespace MpkiConnector.Sectigo;

/// <summary>
/// One Sectigo Certificate Manager (SCM) account. Bound from configuration (for example
/// <c>MPKI:Providers:dfn</c>) and validated at start; the organisation id and the certificate type are checked
/// against what the account offers after the first login (discovery).
/// </summary>
public sealed class SectigoOptions
{
    /// <summary>The default base URL of the main SCM instance.</summary>
    public static readonly Uri DefaultBaseUrl = new("https://cert-manager.com/");

    /// <summary>The default full-name pattern: everything up to the last space is the given name.</summary>
    public const string DefaultFullNamePattern = "(?<GN>.+) (?<SN>.+)";

    /// <summary>
    /// The SCM base URL (default <c>https://cert-manager.com/</c>). Must be https unless it is a loopback address
    /// (the local emulator). With a client certificate the <c>/private</c> prefix is added to every path.
    /// </summary>
    public Uri BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>The documented OAuth2 token endpoint of the Admin Operations API (client-credentials flow).</summary>
    public static readonly Uri DefaultTokenUrl = new("https://auth.sso.sectigo.com/auth/realms/apiclients/protocol/openid-connect/token");

    /// <summary>
    /// How to authenticate: <see cref="SectigoAuthMode.Password"/> (default; <see cref="SectigoAuthMode.ClientCertificate"/>
    /// is used instead when <see cref="ClientCertificatePath"/> is set), or <see cref="SectigoAuthMode.OAuth2"/> for the
    /// Admin Operations API (base URL <c>https://admin.enterprise.sectigo.com/</c>).
    /// </summary>
    public SectigoAuthMode Auth { get; set; } = SectigoAuthMode.Password;

    /// <summary>The OAuth2 client id of the admin's API key (Auth = OAuth2).</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth2 client secret (Auth = OAuth2), from configuration or the environment. Never logged, never in an exception.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The name of an environment variable holding the client secret, read when <see cref="ClientSecret"/> is empty (Auth = OAuth2).</summary>
    public string? ClientSecretVariable { get; set; }

    /// <summary>The OAuth2 token endpoint (default the documented <c>https://auth.sso.sectigo.com/auth/realms/apiclients/protocol/openid-connect/token</c>).</summary>
    public Uri TokenUrl { get; set; } = DefaultTokenUrl;

    /// <summary>How long before its expiry a cached access token is replaced (default 30 s).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The mode in force: <see cref="Auth"/>, except that a set <see cref="ClientCertificatePath"/> turns Password into ClientCertificate.</summary>
    public SectigoAuthMode EffectiveAuth =>
        Auth == SectigoAuthMode.Password && !string.IsNullOrWhiteSpace(ClientCertificatePath) ? SectigoAuthMode.ClientCertificate : Auth;

    /// <summary>The client secret in force: <see cref="ClientSecret"/>, else the variable named by <see cref="ClientSecretVariable"/>.</summary>
    public string? EffectiveClientSecret =>
        !string.IsNullOrEmpty(ClientSecret) ? ClientSecret
        : string.IsNullOrWhiteSpace(ClientSecretVariable) ? null
        : Environment.GetEnvironmentVariable(ClientSecretVariable);

    /// <summary>The customer URI: the tenant slug of the portal login URL <c>https://cert-manager.com/customer/&lt;customerUri&gt;</c> (not sent with OAuth2, whose token names the customer).</summary>
    public string CustomerUri { get; set; } = string.Empty;

    /// <summary>The operator (admin) login.</summary>
    public string Login { get; set; } = string.Empty;

    /// <summary>The operator's password. Never logged, never in an exception. Not needed with <see cref="ClientCertificatePath"/>.</summary>
    public string? Password { get; set; }

    /// <summary>A PKCS#12 (.pfx/.p12) file with the admin's client certificate and key; when set, paths get the <c>/private</c> prefix and no password header is sent.</summary>
    public string? ClientCertificatePath { get; set; }

    /// <summary>The password of <see cref="ClientCertificatePath"/>, when the file has one. Never logged.</summary>
    public string? ClientCertificatePassword { get; set; }

    /// <summary>The organisation (or department) id to enroll for; when empty it is discovered: an account with exactly one organisation uses it.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The certificate type (profile) by id or by the name an operator sees; when empty an account with exactly one type uses it.</summary>
    public string? CertificateType { get; set; }

    /// <summary>The term in days; must be one the certificate type offers. When empty a type with exactly one term uses it.</summary>
    public int? TermDays { get; set; }

    /// <summary>The device certificate type by id or name, for device enrollments (optional).</summary>
    public string? DeviceCertificateType { get; set; }

    /// <summary>
    /// Splits a display name into first name (group <c>GN</c>) and last name (group <c>SN</c>).
    /// Default <c>(?&lt;GN&gt;.+) (?&lt;SN&gt;.+)</c>.
    /// </summary>
    public string FullNamePattern { get; set; } = DefaultFullNamePattern;

    /// <summary>What to send as first and last name when a sender has no display name (or it does not match <see cref="FullNamePattern"/>).</summary>
    public SectigoMissingDisplayNamePolicy MissingDisplayName { get; set; } = SectigoMissingDisplayNamePolicy.LocalPart;

    /// <summary>Create or update the person record (<c>/api/person/v1</c>) before each enrollment (profiles that need one).</summary>
    public bool ManagePersonRecords { get; set; }

    /// <summary>The validation type of person records this connector creates or updates.</summary>
    public SectigoPersonValidationType PersonValidationType { get; set; } = SectigoPersonValidationType.Standard;

    /// <summary>Custom field values sent with every enrollment (the request's own values win).</summary>
    public Dictionary<string, string> CustomFields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one HTTP attempt may take (default 30 s).</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times an idempotent call (GET, PUT, DELETE) is retried after a transient failure (default 3). Enrollments are never retried blindly.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones double, with jitter (default 500 ms).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest delay between two attempts, also for a server's <c>Retry-After</c> (default 30 s).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Consecutive transient failures that open the circuit breaker (default 10).</summary>
    public int CircuitBreakerFailures { get; set; } = 10;

    /// <summary>How long the circuit stays open before a trial call (default 30 s).</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long discovered account data (organisations, types) is reused before it is read again (default 1 h).</summary>
    public TimeSpan DiscoveryCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The managed mail domains of this account, checked by the account check (<c>mpki provider check</c>) (present, delegated for S/MIME, validated).</summary>
    public List<string> Domains { get; set; } = [];

    /// <summary>The key algorithm the gateway generates for this account (for example <c>RSA-2048</c>, <c>EC-P256</c>), checked against the type's key types by the account check (<c>mpki provider check</c>); optional.</summary>
    public string? KeyAlgorithm { get; set; }
}
