using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki gateway run</c>.</summary>
internal static class GatewayCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        var spool = new Option<string?>("--spool") { Description = "Folder of .eml messages to process (default: the configured spool)", HelpName = "DIR" };
        var output = new Option<string?>("--out") { Description = "The outbox folder (default: the configured Folders.Outbox)", HelpName = "DIR" };
        var once = new Option<bool>("--once") { Description = "Process what is in the spool, then stop (default: keep watching, and renew in the background)" };
        var json = CommonOptions.Json();
        var run = factory.Leaf(
            "run",
            "Runs the gateway over a spool folder",
            ctx => GatewayHandlers.RunAsync(ctx, ctx.Get(spool), ctx.Get(output), ctx.Get(once), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            spool,
            output,
            once,
            json);
        return CliCommandFactory.Group("gateway", "The mail gateway", run, GatewayServeCommand.Create(factory));
    }
}
