namespace MpkiConnector.Gateway.Hosting;

/// <summary>
/// How <see cref="MpkiGatewayServiceCollectionExtensions.AddMpkiGateway"/> runs the gateway in a host, besides its
/// configuration section: the provider factories and other build options, and what the hosted service serves.
/// </summary>
public sealed class GatewayHostOptions
{
    /// <summary>
    /// How the gateway is built: the provider factories it offers (<see cref="GatewayBuildOptions.ProviderFactories"/>,
    /// at least one), overrides, the clock. Logging and the clock default to the host's.
    /// </summary>
    public GatewayBuildOptions Build { get; } = new();

    /// <summary>
    /// Whether the gateway also listens for SMTP and relays to the next hop (section <c>Smtp</c>, as
    /// <c>mpki gateway serve</c>); default false: the spool folder is processed (as <c>mpki gateway run</c>).
    /// Either way the deferred mail is retried and certificates are renewed in the background.
    /// </summary>
    public bool ServeSmtp { get; set; }

    /// <summary>How often the spool folder is looked at (default 5 seconds).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
