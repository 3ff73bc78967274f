using MpkiConnector.Renewal;

namespace MpkiConnector.Gateway.Configuration;

/// <summary>
/// The gateway's configuration, bound from the root of the configuration file (for example
/// <c>config/gateway.json</c>); environment variables override it in the usual .NET form with the prefix
/// <c>MPKI__</c> (<c>MPKI__Providers__dfn__Password</c>). The file holds no secrets.
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>The prefix of environment variables that override settings (<c>MPKI__</c>).</summary>
    public const string EnvironmentPrefix = "MPKI__";

    /// <summary>Named provider accounts; the key is the account's name, its section also holds the provider's own settings.</summary>
    public Dictionary<string, ProviderAccountOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The managed mail domains (more can be added at run time and are kept in the store).</summary>
    public List<ManagedDomainOptions> Domains { get; set; } = [];

    /// <summary>Automatic renewal: the core renewal model, bound from the <c>Renewal</c> section.</summary>
    public RenewalOptions Renewal { get; set; } = new();

    /// <summary>What happens to a sender's mail while its first certificate is being issued.</summary>
    public FirstMailOptions FirstMail { get; set; } = new();

    /// <summary>The store (SQLite database).</summary>
    public StoreOptions Store { get; set; } = new();

    /// <summary>
    /// Where the key-encryption key (32 bytes, base64) that seals software private keys comes from:
    /// <c>env:VARIABLE</c> or <c>file:PATH</c>. Required; never the key itself in the file.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>The mail folders.</summary>
    public GatewayFolderOptions Folders { get; set; } = new();

    /// <summary>A folder of provider plugin assemblies (each loaded in its own load context); optional.</summary>
    public string? PluginsFolder { get; set; }

    /// <summary>How many messages are processed at once (default 8).</summary>
    public int MaxConcurrentMessages { get; set; } = 8;

    /// <summary>
    /// How many senders' signing credentials (key opened, certificate parsed) are kept open (default 4096). Past it,
    /// the least recently used sender's sealed key is opened again for its next signature, which costs about as much
    /// as the signature itself: size it above the number of senders that sign within a few minutes.
    /// </summary>
    public int SigningCacheSize { get; set; } = Smime.StoreSecureMimeContext.DefaultCredentialCacheCapacity;

    /// <summary>Bounds on one message: size, header block, nesting, parse time.</summary>
    public MessageLimitOptions Limits { get; set; } = new();

    /// <summary>The SMTP listener and relay of <c>mpki gateway serve</c>.</summary>
    public Smtp.SmtpOptions Smtp { get; set; } = new();

    /// <summary>Whether outbound mail is also encrypted when every recipient's certificate is known and valid (default true).</summary>
    public bool EncryptWhenPossible { get; set; } = true;
}
