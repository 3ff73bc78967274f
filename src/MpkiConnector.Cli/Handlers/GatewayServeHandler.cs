using Microsoft.Extensions.Logging;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Smtp;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki gateway serve</c>: the SMTP listener and relay over the gateway, until Ctrl+C or SIGTERM.</summary>
internal static class GatewayServeHandler
{
    public static async Task<int> ServeAsync(CommandContext ctx, string? listen, string? nextHop)
    {
        await using var gateway = GatewayFactory.Create(ctx, LogLevel.Warning, build =>
        {
            if (listen is not null)
            {
                build.Overrides["Smtp:Listen"] = listen;
            }

            if (nextHop is not null)
            {
                var colon = nextHop.LastIndexOf(':');
                if (colon <= 0)
                {
                    throw CliException.Configuration($"--next-hop: '{nextHop}' is not HOST:PORT");
                }

                build.Overrides["Smtp:NextHop:Host"] = nextHop[..colon];
                build.Overrides["Smtp:NextHop:Port"] = nextHop[(colon + 1)..];
            }
        });
        SmtpGatewayServer server;
        try
        {
            server = SmtpGatewayServer.Create(gateway);
        }
        catch (GatewayConfigurationException ex)
        {
            throw CliException.Configuration($"configuration '{ctx.ConfigPath}': {string.Join("; ", ex.Errors)}", ex);
        }

        await using (server.ConfigureAwait(false))
        {
            var hop = gateway.Options.Smtp.NextHop;
            try
            {
                await server.StartAsync(ctx.CancellationToken).ConfigureAwait(false);
                ctx.WriteLine($"Gateway serving SMTP on {server.Endpoint}, relaying to {hop.Host}:{hop.Port}; renewal checks every {gateway.Options.Renewal.CheckInterval}. Ctrl+C stops it.");
                ctx.Io.Out.Flush();
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM, while starting too: stop gracefully
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            ctx.WriteLine($"Gateway stopped; {server.PendingRelay} message(s) wait in the outbox for the next start.");
        }

        return ExitCodes.Success;
    }
}
