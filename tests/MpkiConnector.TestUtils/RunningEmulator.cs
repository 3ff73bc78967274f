using MpkiConnector.Sectigo.Emulator;

namespace MpkiConnector.TestUtils;

/// <summary>
/// The SCM emulator started on 127.0.0.1 port 0 with a temporary data folder and
/// <see cref="ScmEmulatorOptions.CreateDefault"/> (customer <c>emulator</c>, admin <c>operator</c>, organisation 1001,
/// S/MIME profile 2001 with terms 365/730, domains example.com and example.org). Disposing it stops the emulator and
/// deletes the folder it created.
/// </summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly bool _ownsDirectory;
    private readonly TimeProvider _time;

    private RunningEmulator(ScmEmulator emulator, ScmEmulatorOptions options, bool ownsDirectory, TimeProvider time)
    {
        Emulator = emulator;
        Options = options;
        _ownsDirectory = ownsDirectory;
        _time = time;
    }

    /// <summary>The default customer URI.</summary>
    public const string DefaultCustomerUri = "emulator";

    /// <summary>The default admin login.</summary>
    public const string DefaultLogin = "operator";

    /// <summary>The default admin password.</summary>
    public const string DefaultPassword = "operator-password";

    /// <summary>The default organisation id.</summary>
    public const int DefaultOrganizationId = 1001;

    /// <summary>The default S/MIME profile id (terms 365 and 730; RSA 2048-4096, EC P256/P384).</summary>
    public const int DefaultProfileId = 2001;

    /// <summary>The profile that requires a person with validation type HIGH.</summary>
    public const int HighValidationProfileId = 2002;

    /// <summary>The device profile.</summary>
    public const int DeviceProfileId = 2003;

    /// <summary>The running emulator (state, knobs, orders).</summary>
    public ScmEmulator Emulator { get; private set; }

    /// <summary>The live options (same object as <see cref="ScmEmulator.Options"/>).</summary>
    public ScmEmulatorOptions Options { get; }

    /// <summary>The emulator's base address with a trailing slash.</summary>
    public Uri BaseAddress => Emulator.BaseAddress;

    /// <summary>The data folder.</summary>
    public string DataDirectory => Options.DataDirectory;

    /// <summary>The customer URI of the default account.</summary>
    public string CustomerUri => DefaultCustomerUri;

    /// <summary>The login of the default account.</summary>
    public string Login => DefaultLogin;

    /// <summary>The password of the default account.</summary>
    public string Password => DefaultPassword;

    /// <summary>The global behaviour knobs.</summary>
    public Sectigo.Emulator.Configuration.EmulatorBehavior Behavior => Options.Behavior;

    /// <summary>Starts an emulator; <paramref name="configure"/> may change the default options first.</summary>
    public static Task<RunningEmulator> StartAsync(
        Action<ScmEmulatorOptions>? configure = null, string? dataDirectory = null, CancellationToken cancellationToken = default) =>
        StartAsync(TimeProvider.System, configure, dataDirectory, cancellationToken);

    /// <summary>Starts an emulator on a time source (a <c>FakeTimeProvider</c> drives the CA's clock).</summary>
    public static async Task<RunningEmulator> StartAsync(
        TimeProvider time, Action<ScmEmulatorOptions>? configure = null, string? dataDirectory = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        var owns = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "mpki-emulator-" + Guid.NewGuid().ToString("N"));
        var options = ScmEmulatorOptions.CreateDefault(dataDirectory);
        configure?.Invoke(options);
        var emulator = await ScmEmulator.StartAsync(options, null, time, cancellationToken);
        return new RunningEmulator(emulator, options, owns, time);
    }

    /// <summary>
    /// Makes the handler of every client from <see cref="CreateClient"/> (null: a plain one); a test assembly may set it once,
    /// for example to check every answer against Sectigo's documents.
    /// </summary>
    public static Func<HttpMessageHandler>? ClientHandlerFactory { get; set; }

    /// <summary>An <see cref="HttpClient"/> on the base address with no credentials (handler from <see cref="ClientHandlerFactory"/>).</summary>
    public HttpClient CreateBareClient() =>
        new(ClientHandlerFactory?.Invoke() ?? new HttpClientHandler(), disposeHandler: true) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>An <see cref="HttpClient"/> on the base address sending the default account's headers.</summary>
    public HttpClient CreateClient(string? login = DefaultLogin, string? password = DefaultPassword, string? customerUri = DefaultCustomerUri)
    {
        var client = CreateBareClient();
        if (login is not null)
        {
            client.DefaultRequestHeaders.Add("login", login);
        }

        if (password is not null)
        {
            client.DefaultRequestHeaders.Add("password", password);
        }

        if (customerUri is not null)
        {
            client.DefaultRequestHeaders.Add("customerUri", customerUri);
        }

        return client;
    }

    /// <summary>Stops the emulator and starts it again on the same data folder and options (a new port).</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await Emulator.DisposeAsync();
        Emulator = await ScmEmulator.StartAsync(Options, null, _time, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp folder
            }
        }
    }
}
