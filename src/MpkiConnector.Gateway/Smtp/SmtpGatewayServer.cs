using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Engine;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Gateway.Spool;
using SmtpServer;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// <c>mpki gateway serve</c>: an SMTP listener in front of the gateway's pipeline and a relay behind it. Mail taken in
/// over SMTP goes through the same processing as the spool folder; the configured spool and the deferred spool keep
/// being processed too, and certificates are renewed in the background. Stopping is graceful: no new sessions, the
/// sessions in progress finish (up to <see cref="SmtpOptions.DrainTimeout"/>), and what waits stays in the outbox.
/// </summary>
public sealed class SmtpGatewayServer : IAsyncDisposable
{
    private readonly MpkiGateway _gateway;
    private readonly SmtpSettings _settings;
    private readonly MailFolders _intake;
    private readonly SmtpRelay _relay;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _sessions = new();
    private SmtpServer.SmtpServer? _server;
    private Task? _serverTask;
    private Task? _relayTask;
    private Task? _folderTask;
    private readonly SmtpSessionTracker _tracker = new();

    private SmtpGatewayServer(MpkiGateway gateway, SmtpSettings settings)
    {
        _gateway = gateway;
        _settings = settings;
        var folders = gateway.Options.Folders;
        _intake = new MailFolders(IntakeFolder(gateway.Options), folders.Outbox, folders.Deferred, folders.Rejected);
        var loggers = gateway.Services.GetRequiredService<ILoggerFactory>();
        _logger = loggers.CreateLogger<SmtpGatewayServer>();
        _relay = new SmtpRelay(_intake, settings.Options.NextHop, settings.Options.RelayConcurrency, Telemetry, gateway.Services.GetRequiredService<TimeProvider>(), loggers.CreateLogger<SmtpRelay>());
    }

    /// <summary>The address and port the listener is bound to.</summary>
    public IPEndPoint Endpoint => _settings.Listen;

    /// <summary>The gateway's metrics, the SMTP ones among them (meter <see cref="GatewayTelemetry.SmtpMeterName"/>).</summary>
    public GatewayTelemetry Telemetry => _gateway.Services.GetRequiredService<GatewayTelemetry>();

    /// <summary>The messages waiting in the outbox for the next hop.</summary>
    public int PendingRelay => _relay.Pending;

    /// <summary>
    /// The folder where a message taken in over SMTP is written before it is processed (a <c>smtp</c> folder inside the
    /// spool; the folder mode does not look into it).
    /// </summary>
    public static string IntakeFolder(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Path.Combine(options.Folders.Spool, "smtp");
    }

    /// <summary>
    /// Checks the <c>Smtp</c> section of <paramref name="gateway"/>'s configuration (a mistake is a
    /// <see cref="GatewayConfigurationException"/> naming the setting) and prepares the server; nothing listens yet.
    /// </summary>
    public static SmtpGatewayServer Create(MpkiGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        return new SmtpGatewayServer(gateway, SmtpSettings.Create(gateway.Options.Smtp, gateway.ConfigurationDirectory));
    }

    /// <summary>
    /// Processes what an interruption left in the intake folder, then listens, relays and processes the folders in
    /// the background. Returns once the listener is started.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The SMTP server is already started.");
        }

        _intake.EnsureCreated();
        var runner = _gateway.Services.GetRequiredService<GatewayRunner>();
        var leftovers = _intake.ListSpool().Count;
        await runner.RunOnceAsync(_intake, retryAllDeferred: false, drainIssuances: false, cancellationToken).ConfigureAwait(false);
        if (leftovers > 0)
        {
            SmtpLog.Recovered(_logger, leftovers);
        }

        _relayTask = Task.Run(() => _relay.RunAsync(_stop.Token), CancellationToken.None);
        _folderTask = Task.Run(() => RunFoldersAsync(_stop.Token), CancellationToken.None);
        _server = new SmtpServer.SmtpServer(BuildOptions(), BuildServices());
        _server.SessionCreated += (_, e) =>
        {
            _tracker.Started(e.Context);
            Telemetry.SmtpSessionStarted();
        };
        _server.SessionCompleted += (_, e) => SessionEnded(e.Context);
        _server.SessionCancelled += (_, e) => SessionEnded(e.Context);
        _server.SessionFaulted += (_, e) =>
        {
            SmtpLog.SessionFaulted(_logger, e.Context.SessionId, e.Exception);
            SessionEnded(e.Context);
        };
        _serverTask = _server.StartAsync(_sessions.Token);
        await WaitUntilListeningAsync(cancellationToken).ConfigureAwait(false);
        SmtpLog.Listening(_logger, Endpoint.ToString(), _settings.Certificate is not null, _settings.Options.Auth is not null, $"{_settings.Options.NextHop.Host}:{_settings.Options.NextHop.Port}");
    }

    /// <summary>
    /// Stops gracefully, within <see cref="SmtpOptions.DrainTimeout"/>: no new transaction (<c>421</c> at MAIL FROM);
    /// sessions in a mail transaction finish it (their message is answered); then every session still open is answered
    /// <c>421</c> and closed, and the listener stops (a
    /// transaction still running at the deadline too: the client sends that message again); the relay keeps sending what
    /// is queued until the outbox is empty, the next hop fails or the deadline passes. Every file stays where it is, durably.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (_server is null || _serverTask is null)
        {
            return;
        }

        SmtpLog.Draining(_logger, _settings.Options.DrainTimeout, _tracker.Active);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_settings.Options.DrainTimeout);
        // SmtpServer's Shutdown() closes the connections of the sessions in progress too: it comes last.
        _tracker.Draining = true;
        await _tracker.WaitAsync(sessions: false, deadline.Token).ConfigureAwait(false);
        await _tracker.AnswerIdleAsync("4.3.2 The gateway is shutting down; try again later").ConfigureAwait(false);
        await _sessions.CancelAsync().ConfigureAwait(false); // closes them (and a transaction still running at the deadline)
        using (var closing = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            await _tracker.WaitAsync(sessions: true, closing.Token).ConfigureAwait(false);
        }

        _server.Shutdown();
        await IgnoreCancellationAsync(_serverTask).ConfigureAwait(false);
        await _relay.DrainAsync(deadline.Token).ConfigureAwait(false);
        await _stop.CancelAsync().ConfigureAwait(false);
        await IgnoreCancellationAsync(_relayTask).ConfigureAwait(false);
        await IgnoreCancellationAsync(_folderTask).ConfigureAwait(false);
        _server = null;
        SmtpLog.Stopped(_logger, _relay.Pending);
    }

    /// <summary>Starts, runs until <paramref name="cancellationToken"/> is cancelled (Ctrl+C, SIGTERM), then stops gracefully.</summary>
    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _relay.Dispose();
        _stop.Dispose();
        _sessions.Dispose();
        _settings.Certificate?.Dispose();
    }

    private void SessionEnded(SmtpServer.ISessionContext context)
    {
        _tracker.Ended(context);
        Telemetry.SmtpSessionEnded();
    }

    private ISmtpServerOptions BuildOptions()
    {
        var options = _settings.Options;
        return new SmtpServerOptionsBuilder()
            .ServerName(options.ServerName)
            .MaxMessageSize(options.MaxMessageSize, MaxMessageSizeHandling.Strict)
            .Endpoint(endpoint =>
            {
                endpoint.Endpoint(_settings.Listen).IsSecure(false).AllowUnsecureAuthentication(false).AuthenticationRequired(options.Auth is not null);
                if (_settings.Certificate is not null)
                {
                    endpoint.Certificate(_settings.Certificate);
                }
            })
            .Build();
    }

    private SmtpServer.ComponentModel.ServiceProvider BuildServices()
    {
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        var loggers = _gateway.Services.GetRequiredService<ILoggerFactory>();
        services.Add(new SmtpMailboxFilter(_settings, Telemetry, _tracker, loggers.CreateLogger<SmtpMailboxFilter>()));
        services.Add(new SmtpMessageStore(
            _gateway.Services.GetRequiredService<MessageProcessor>(),
            _intake,
            _settings,
            _gateway.Options.MaxConcurrentMessages,
            Telemetry,
            _relay.Wake,
            _gateway.Services.GetRequiredService<TimeProvider>(),
            loggers.CreateLogger<SmtpMessageStore>(),
            _sessions.Token));
        if (_settings.Options.Auth is { } auth)
        {
            services.Add(new SmtpUserAuthenticator(auth));
        }

        return services;
    }

    private async Task RunFoldersAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _gateway.RunAsync(onPass: _ => _relay.Wake(), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        for (var i = 0; i < 100; i++)
        {
            if (_serverTask!.IsFaulted)
            {
                await _serverTask.ConfigureAwait(false);
            }

            try
            {
                using var probe = new System.Net.Sockets.TcpClient(_settings.Listen.AddressFamily);
                await probe.ConnectAsync(_settings.Listen.Address.Equals(IPAddress.Any) ? IPAddress.Loopback : _settings.Listen.Address, _settings.Listen.Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"The SMTP listener did not start on {Endpoint} within 5 s.");
    }

    private static async Task IgnoreCancellationAsync(Task? task)
    {
        if (task is null)
        {
            return;
        }

        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
