using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Json;
using MpkiConnector.LocalCa;
using MpkiConnector.Sectigo.Emulator.Configuration;
using MpkiConnector.Sectigo.Emulator.Endpoints;
using MpkiConnector.Sectigo.Emulator.Enrollment;
using MpkiConnector.Sectigo.Emulator.Http;
using MpkiConnector.Sectigo.Emulator.Issuance;
using MpkiConnector.Sectigo.Emulator.SelfEnrollment;
using MpkiConnector.Sectigo.Emulator.SelfEnrollment.Pages;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator;

/// <summary>
/// A local Sectigo Certificate Manager: the classic REST API (header auth, and <c>/private/api</c> for client-certificate
/// auth) over a real local CA, with SQLite state in its data folder and configurable faults and onboarding states.
/// Start it with <see cref="StartAsync(ScmEmulatorOptions, CancellationToken)"/>; change <see cref="Options"/> at run time.
/// </summary>
public sealed class ScmEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorRuntime _runtime;
    private readonly EmulatorStore _store;
    private readonly LocalCertificateAuthority _ca;
    private int _disposed;

    private ScmEmulator(WebApplication app, EmulatorRuntime runtime, EmulatorStore store, LocalCertificateAuthority ca, Uri baseAddress)
    {
        _app = app;
        _runtime = runtime;
        _store = store;
        _ca = ca;
        BaseAddress = baseAddress;
    }

    /// <summary>The base address, with a trailing slash (e.g. <c>http://127.0.0.1:41234/</c>).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The live options: changing a knob or an onboarding state takes effect on the next request.</summary>
    public ScmEmulatorOptions Options => _runtime.Options;

    /// <summary>The root CA certificate (public part only; the caller disposes nothing).</summary>
    public X509Certificate2 RootCertificate => _publicRoot ??= X509CertificateLoader.LoadCertificate(_ca.Root.RawData);

    /// <summary>The issuing CA certificate (public part only).</summary>
    public X509Certificate2 IssuingCertificate => _publicIssuing ??= X509CertificateLoader.LoadCertificate(_ca.Issuing.RawData);

    /// <summary>The requests answered so far, the latest 10 000 (method, path, status, customer URI, login).</summary>
    public IReadOnlyList<EmulatorRequestRecord> Requests => _runtime.Requests;

    private X509Certificate2? _publicRoot;
    private X509Certificate2? _publicIssuing;

    /// <summary>Starts the emulator on <see cref="ScmEmulatorOptions.Urls"/> (default a free port on 127.0.0.1).</summary>
    public static Task<ScmEmulator> StartAsync(ScmEmulatorOptions options, CancellationToken cancellationToken = default) =>
        StartAsync(options, null, null, cancellationToken);

    /// <summary>Starts the emulator with a logger factory (default: none) and a time source (default: the system clock).</summary>
    public static async Task<ScmEmulator> StartAsync(
        ScmEmulatorOptions options, ILoggerFactory? loggerFactory, TimeProvider? timeProvider, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var time = timeProvider ?? TimeProvider.System;
        Directory.CreateDirectory(options.DataDirectory);
        var ca = LocalCertificateAuthority.LoadOrCreate(options.DataDirectory, options.CaName, time);
        var store = await EmulatorStore.OpenAsync(Path.Combine(options.DataDirectory, "scm-emulator.db"), options.FirstOrderNumber, cancellationToken);
        var runtime = new EmulatorRuntime(options);
        var webForms = new WebFormStore(store);
        await WebFormSeeder.SeedAsync(options, webForms, cancellationToken);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(runtime);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(ca);
        builder.Services.AddSingleton<CertificateIssuer>();
        builder.Services.AddSingleton<OrderPlacement>();
        builder.Services.AddSingleton<EnrollmentService>();
        builder.Services.AddSingleton<RevocationService>();
        builder.Services.AddSingleton<CollectHandler>();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<EnrollmentLinkStore>();
        builder.Services.AddSingleton<EnrollmentLinkService>();
        builder.Services.AddSingleton<EnrollmentSessions>();
        builder.Services.AddSingleton<EnrollmentForms>();
        builder.Services.AddSingleton(webForms);
        builder.Services.AddSingleton<EnrollmentEndpointDirectory>();
        builder.Services.AddSingleton<EmulatorMailSender>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            o.SerializerOptions.NumberHandling = JsonNumberHandling.AllowReadingFromString;
        });

        var app = builder.Build();
        app.UsePathBase("/private");
        app.UseMiddleware<RequestLoggingMiddleware>();
        app.UseMiddleware<ScmErrorMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<AuthenticationMiddleware>();
        app.UseRouting();
        app.MapTokenEndpoint();
        app.MapOrganizations();
        app.MapSmime();
        app.MapSmimeQueries();
        app.MapSmimeRevocation();
        app.MapPersons();
        app.MapDomains();
        app.MapDevices();
        app.MapPublication();
        app.MapEnrollmentApi();
        app.MapEnrollmentEntryPages();
        app.MapEnrollmentCertificatePages();
        app.MapEnrollmentEndpoints();
        app.MapInvitations();

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            store.Dispose();
            ca.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        runtime.BaseAddress = baseAddress;
        EmulatorLog.Started(app.Services.GetRequiredService<ILogger<ScmEmulator>>(), baseAddress, options.DataDirectory);
        return new ScmEmulator(app, runtime, store, ca, baseAddress);
    }

    /// <summary>The customer with this URI.</summary>
    public EmulatorCustomer Customer(string customerUri) =>
        _runtime.FindCustomer(customerUri) ?? throw new ArgumentException($"No customer '{customerUri}' is configured.", nameof(customerUri));

    /// <summary>The account <paramref name="login"/> of the customer.</summary>
    public EmulatorAccount Account(string customerUri, string login) =>
        _runtime.FindAccount(Customer(customerUri), login) ?? throw new ArgumentException($"No account '{login}' at '{customerUri}'.", nameof(login));

    /// <summary>The organisation <paramref name="id"/> of the customer.</summary>
    public EmulatorOrganization Organization(string customerUri, int id) =>
        Customer(customerUri).Organizations.FirstOrDefault(o => o.Id == id) ?? throw new ArgumentException($"No organisation {id}.", nameof(id));

    /// <summary>The configured domain named <paramref name="name"/> of the customer.</summary>
    public EmulatorDomain Domain(string customerUri, string name) =>
        Customer(customerUri).Domains.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No domain '{name}'.", nameof(name));

    /// <summary>The behaviour that applies to an account: its own, or the global one.</summary>
    public EmulatorBehavior BehaviorFor(string customerUri, string login) => _runtime.BehaviorFor(customerUri, login);

    /// <summary>How many orders exist (for one customer, or all).</summary>
    public Task<long> CountOrdersAsync(string? customerUri = null, CancellationToken cancellationToken = default) =>
        _store.CountOrdersAsync(customerUri, cancellationToken);

    /// <summary>The orders of a customer, oldest first.</summary>
    public async Task<IReadOnlyList<EmulatorOrderInfo>> GetOrdersAsync(string customerUri, CancellationToken cancellationToken = default)
    {
        var (items, _) = await _store.ListOrdersAsync(new OrderQuery(customerUri) { Kind = null, Size = int.MaxValue }, cancellationToken);
        return [.. items.Select(ToInfo)];
    }

    /// <summary>One order, or null.</summary>
    public async Task<EmulatorOrderInfo?> GetOrderAsync(string customerUri, long id, CancellationToken cancellationToken = default) =>
        await _store.GetOrderAsync(customerUri, id, cancellationToken) is { } row ? ToInfo(row) : null;

    /// <summary>Forgets every OAuth2 access token handed out so far: the next bearer call answers 401 (as after a key rotation).</summary>
    public void RevokeTokens() => _runtime.RevokeTokens();

    /// <summary>Stops listening and releases the data folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
        _store.Dispose();
        _ca.Dispose();
        _publicRoot?.Dispose();
        _publicIssuing?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static EmulatorOrderInfo ToInfo(OrderRow row) => new(
        row.Id, row.CustomerUri, row.Login, row.Kind, row.Email, row.State, row.Comments, row.CollectCount, row.Serial, row.CertDer, row.ReasonCode);
}
