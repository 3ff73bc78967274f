using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MpkiConnector.Issuance;
using MpkiConnector.Plugins;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>How <see cref="MpkiGateway.Create"/> builds the gateway besides the configuration file.</summary>
public sealed class GatewayBuildOptions
{
    /// <summary>Settings applied last, over the file and the environment (<c>"FirstMail:Policy" = "Defer"</c>); the CLI's options go here.</summary>
    public IDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The environment to read <c>MPKI__</c> overrides and the key-encryption key variable from; <see langword="null"/>
    /// (the default) uses the process environment.
    /// </summary>
    public IReadOnlyDictionary<string, string?>? Environment { get; set; }

    /// <summary>
    /// The built-in provider types the host offers (the <c>mpki</c> CLI: <c>sectigo</c>, <c>emulator</c>, <c>fake</c>),
    /// each a factory exactly like a plugin's; a plugin may not claim one of their types.
    /// </summary>
    public IList<IMpkiProviderFactory> ProviderFactories { get; } = new List<IMpkiProviderFactory>();

    /// <summary>The clock (tests pass a fake one); the system clock when unset.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Configures logging (console, levels...); no logging when unset.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    /// <summary>Configures the issuance coordinator's bounds (how long one issuance waits for a pending CA...).</summary>
    public Action<IssuanceOptions>? ConfigureIssuance { get; set; }

    /// <summary>Last changes to the services before the provider is built (tests, embedding).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Whether to check active certificates' revocation at the CA in each renewal check (one collect each); default false.</summary>
    public bool CheckRevocationAtCa { get; set; }
}
