using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki orders list [--open] | cancel ID</c>.</summary>
internal static class OrdersCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        var open = new Option<bool>("--open") { Description = "Only orders still in progress (intent or submitted)" };
        var address = new Option<string?>("--address") { Description = "Only the orders of this address", HelpName = "A" };
        var json = CommonOptions.Json();
        var list = factory.Leaf(
            "list",
            "Lists the order journal: state, the CA's order id, attempts, next attempt, last error",
            ctx => OrdersHandlers.ListAsync(ctx, ctx.Get(open), ctx.Get(address), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            open,
            address,
            json);
        var id = new Argument<string>("ID") { Description = "The order's id (as 'mpki orders list' shows it; a unique prefix will do)" };
        var cancelJson = CommonOptions.Json();
        var cancel = factory.Leaf(
            "cancel",
            "Cancels an open order in the journal: the gateway stops collecting it (the next mail of the sender starts a new one)",
            ctx => OrdersHandlers.CancelAsync(ctx, ctx.Get(id)!, ctx.Get(cancelJson)),
            CliConfiguration.DefaultGatewayConfig,
            id,
            cancelJson);
        return CliCommandFactory.Group("orders", "The order journal: what was asked of the CA, and where it stands", list, cancel);
    }
}
