using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Engine;
using MpkiConnector.Gateway.Plugins;
using MpkiConnector.Gateway.Renewal;
using MpkiConnector.Gateway.Smime;
using MpkiConnector.Gateway.Spool;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>
/// The gateway, built from a configuration file: process the spool once or continuously, renew, list, export and
/// revoke certificates, manage domains. This is the API the <c>mpki</c> CLI uses. Dispose it when done.
/// </summary>
public sealed class MpkiGateway : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly GatewayRunner _runner;

    private MpkiGateway(ServiceProvider services, GatewayOptions options, string configurationDirectory, IReadOnlyList<LoadedProviderFactory> plugins)
    {
        _services = services;
        Options = options;
        ConfigurationDirectory = configurationDirectory;
        Plugins = plugins;
        _runner = services.GetRequiredService<GatewayRunner>();
        Renewal = services.GetRequiredService<RenewalService>();
        Certificates = new GatewayCertificates(
            services.GetRequiredService<ICertificateStore>(),
            services.GetRequiredService<IMpkiProviderCatalog>(),
            services.GetRequiredService<IAuditLog>(),
            services.GetRequiredService<TimeProvider>());
        Domains = new GatewayDomains(options, services.GetRequiredService<IGatewayStateStore>(), services.GetRequiredService<DomainDirectory>(), services.GetRequiredService<IAuditLog>(), services.GetRequiredService<TimeProvider>());
    }

    /// <summary>The validated options (paths resolved against the configuration file's folder).</summary>
    public GatewayOptions Options { get; }

    /// <summary>The folder of the configuration file.</summary>
    public string ConfigurationDirectory { get; }

    /// <summary>The provider plugins found in the plugins folder.</summary>
    internal IReadOnlyList<LoadedProviderFactory> Plugins { get; }

    /// <summary>The services (store, providers through <see cref="IMpkiProviderCatalog"/>, the S/MIME context...).</summary>
    public IServiceProvider Services => _services;

    /// <summary>The S/MIME context over the store (MimeKit <c>SecureMimeContext</c>).</summary>
    public StoreSecureMimeContext SecureMimeContext => _services.GetRequiredService<StoreSecureMimeContext>();

    /// <summary>The renewal service (<see cref="RenewalService.RenewAsync"/> is <c>mpki renew</c>).</summary>
    internal RenewalService Renewal { get; }

    /// <summary>List, export and revoke certificates.</summary>
    public GatewayCertificates Certificates { get; }

    /// <summary>The managed domains (configured and added at run time).</summary>
    public GatewayDomains Domains { get; }

    /// <summary>
    /// Builds the gateway from <paramref name="configPath"/>, the <c>MPKI__</c> environment and <paramref name="build"/>'s
    /// overrides. Every configuration mistake is a <see cref="GatewayConfigurationException"/> with one line per mistake.
    /// </summary>
    public static MpkiGateway Create(string configPath, GatewayBuildOptions? build = null)
    {
        build ??= new GatewayBuildOptions();
        var (configuration, baseDirectory) = GatewayConfigurationLoader.Load(configPath, build);
        return Build(GatewaySetup.Prepare(configuration, baseDirectory, build), build);
    }

    /// <summary>Builds the gateway from a prepared setup (the hosted service prepares it while the host validates its options).</summary>
    internal static MpkiGateway Build(GatewaySetup setup, GatewayBuildOptions build)
    {
        var (configuration, options, baseDirectory, plugins, providerTypes, kek) = setup;
        var services = new ServiceCollection();
        GatewayServiceRegistration.AddGateway(services, configuration, options, providerTypes, kek, build);
        build.ConfigureServices?.Invoke(services);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetService<IStartupValidator>()?.Validate();
            CreateProviders(provider.GetRequiredService<IMpkiProviderCatalog>());
        }
        catch (OptionsValidationException ex)
        {
            provider.Dispose();
            throw new GatewayConfigurationException(ex.Failures.ToList());
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.Configuration)
        {
            provider.Dispose();
            throw new GatewayConfigurationException(ex.Message, ex);
        }

        return new MpkiGateway(provider, options, baseDirectory, plugins);
    }

    /// <summary>
    /// Processes every message in the spool (and every deferred message that is due) once, waits for the issuances it
    /// started, and says what it did. <paramref name="spool"/> and <paramref name="outbox"/> override the configured folders.
    /// </summary>
    public Task<GatewayRunSummary> ProcessOnceAsync(string? spool = null, string? outbox = null, CancellationToken cancellationToken = default) =>
        _runner.RunOnceAsync(Folders(spool, outbox), retryAllDeferred: false, drainIssuances: true, cancellationToken);

    /// <summary>Like <see cref="ProcessOnceAsync"/>, but retries every deferred message, due or not.</summary>
    public Task<GatewayRunSummary> ProcessOnceRetryingDeferredAsync(string? spool = null, string? outbox = null, CancellationToken cancellationToken = default) =>
        _runner.RunOnceAsync(Folders(spool, outbox), retryAllDeferred: true, drainIssuances: true, cancellationToken);

    /// <summary>
    /// Runs until cancelled: the spool is polled every <paramref name="pollInterval"/> (default 5 seconds) and the
    /// renewal service checks on its interval. <paramref name="onPass"/> gets the summary of each pass that did something.
    /// </summary>
    public async Task RunAsync(string? spool = null, string? outbox = null, TimeSpan? pollInterval = null, Action<GatewayRunSummary>? onPass = null, CancellationToken cancellationToken = default)
    {
        await Renewal.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _runner.RunContinuouslyAsync(Folders(spool, outbox), pollInterval ?? TimeSpan.FromSeconds(5), onPass, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await Renewal.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Creates the configured mail folders (and recovers what an interruption left claimed), so that mail can be dropped in at once.</summary>
    internal void EnsureFolders() => Folders(null, null).EnsureCreated();

    /// <summary>Renews what is due (<c>mpki renew</c>); with <paramref name="dryRun"/> only reports.</summary>
    public Task<RenewalReport> RenewAsync(bool dryRun = false, CancellationToken cancellationToken = default) => Renewal.RenewAsync(dryRun, cancellationToken);

    /// <summary>What a provider account offers (<c>mpki provider discover</c>).</summary>
    public Task<MpkiAccount> DiscoverAsync(string providerName, CancellationToken cancellationToken = default) =>
        _services.GetRequiredService<IMpkiProviderCatalog>().Get(providerName).DiscoverAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>Creates every provider at start, so that a factory's configuration mistake stops the gateway there.</summary>
    private static void CreateProviders(IMpkiProviderCatalog catalog)
    {
        foreach (var name in catalog.Names)
        {
            _ = catalog.Get(name);
        }
    }

    private MailFolders Folders(string? spool, string? outbox) => new(
        spool is null ? Options.Folders.Spool : Path.GetFullPath(spool),
        outbox is null ? Options.Folders.Outbox : Path.GetFullPath(outbox),
        Options.Folders.Deferred,
        Options.Folders.Rejected);
}
