using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Smtp;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>The gateway of <see cref="MpkiGatewayServiceCollectionExtensions.AddMpkiGateway"/>: built at start, stopped gracefully.</summary>
internal sealed class GatewayHostedService : IHostedService, IAsyncDisposable
{
    private readonly GatewayHostOptions _options;
    private readonly GatewayHostSetup _setup;
    private readonly IServiceProvider _host;
    private readonly CancellationTokenSource _stop = new();
    private MpkiGateway? _gateway;
    private SmtpGatewayServer? _smtp;
    private Task? _folders;

    public GatewayHostedService(IOptions<GatewayHostOptions> options, GatewayHostSetup setup, IServiceProvider host)
    {
        _options = options.Value;
        _setup = setup;
        _host = host;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var build = _options.Build;
        var (setup, errors) = _setup.Prepare(build);
        if (setup is null)
        {
            throw new GatewayConfigurationException(errors);
        }

        build.TimeProvider ??= _host.GetService<TimeProvider>();
        if (build.ConfigureLogging is null && _host.GetService<ILoggerFactory>() is { } loggers)
        {
            var configureServices = build.ConfigureServices;
            build.ConfigureServices = services =>
            {
                services.AddSingleton(loggers); // the host's logging; the gateway does not dispose it
                configureServices?.Invoke(services);
            };
        }

        _gateway = MpkiGateway.Build(setup, build);
        if (_options.ServeSmtp)
        {
            _smtp = SmtpGatewayServer.Create(_gateway);
            await _smtp.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var gateway = _gateway;
            gateway.EnsureFolders();
            _folders = Task.Run(() => RunFoldersAsync(gateway), CancellationToken.None);
        }
    }

    /// <summary>The spool loop; if it fails (not stopped), the failure is logged and the host is stopped, as a <see cref="BackgroundService"/> does.</summary>
    private async Task RunFoldersAsync(MpkiGateway gateway)
    {
        try
        {
            await gateway.RunAsync(pollInterval: _options.PollInterval, cancellationToken: _stop.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (!_stop.IsCancellationRequested)
        {
            GatewayLog.HostedGatewayFailed(gateway.Services.GetRequiredService<ILogger<GatewayHostedService>>(), ex);
            _host.GetService<IHostApplicationLifetime>()?.StopApplication();
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_smtp is not null)
        {
            await _smtp.StopAsync(cancellationToken).ConfigureAwait(false);
        }

        if (_folders is not null)
        {
            try
            {
                await _folders.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (_folders.IsCompleted)
            {
                // Stopped, or failed earlier (logged then, and the host was told to stop).
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_smtp is not null)
        {
            await _smtp.DisposeAsync().ConfigureAwait(false);
        }

        if (_gateway is not null)
        {
            await _gateway.DisposeAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
