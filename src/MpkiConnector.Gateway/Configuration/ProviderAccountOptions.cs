namespace MpkiConnector.Gateway.Configuration;

/// <summary>
/// One provider account. Its configuration section holds <see cref="Type"/>, the gateway's own settings below,
/// and the provider's settings, handed to its factory (for Sectigo: <c>BaseUrl</c>, <c>CustomerUri</c>, <c>Login</c>, <c>Password</c>...).
/// </summary>
public sealed class ProviderAccountOptions
{
    /// <summary>
    /// Which provider: the type of a factory the host hands the gateway (the <c>mpki</c> CLI's built-ins: <c>sectigo</c>,
    /// <c>emulator</c>, the Sectigo client pointed at a local emulator, and <c>fake</c>, in-memory for tests and trials),
    /// or the <c>Type</c> of a plugin in the plugins folder.
    /// </summary>
    public string? Type { get; set; }

    /// <summary>How many issuances against this account run at once unless configured (see <see cref="MaxConcurrentIssuances"/>).</summary>
    public const int DefaultMaxConcurrentIssuances = 32;

    /// <summary>
    /// How many issuances may run at once against this account (default 32). An issuance mostly waits for the CA
    /// (submit, then collect): measured with a CA answering each request after 100 ms, a burst of 200 new senders took
    /// half as long with 32 at once as with 4; lower it if the CA's rate limit answers 429.
    /// </summary>
    public int MaxConcurrentIssuances { get; set; } = DefaultMaxConcurrentIssuances;

    /// <summary>
    /// The roots this account's certificates must chain to: certificate files (PEM or DER, relative to the configuration
    /// file) or certificates as base64 DER. Empty: the self-signed root the CA returns with each chain.
    /// </summary>
    public List<string> TrustedRoots { get; set; } = [];
}
