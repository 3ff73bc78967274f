using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki gateway serve</c>.</summary>
internal static class GatewayServeCommand
{
    public static Command Create(CliCommandFactory factory)
    {
        var listen = new Option<string?>("--listen") { Description = "Address and port to listen on (default: Smtp.Listen, 127.0.0.1:2525)", HelpName = "ADDRESS:PORT" };
        var nextHop = new Option<string?>("--next-hop") { Description = "Where processed mail goes (default: Smtp.NextHop, 127.0.0.1:10026)", HelpName = "HOST:PORT" };
        return factory.Leaf(
            "serve",
            "Runs the gateway as an SMTP server: takes mail in, signs it, relays it to the next hop (Ctrl+C stops it gracefully)",
            ctx => GatewayServeHandler.ServeAsync(ctx, ctx.Get(listen), ctx.Get(nextHop)),
            CliConfiguration.DefaultGatewayConfig,
            listen,
            nextHop);
    }
}
