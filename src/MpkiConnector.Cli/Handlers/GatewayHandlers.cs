using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class GatewayHandlers
{
    public static Task<int> RunAsync(CommandContext ctx, string? spool, string? output, bool once, bool json) => throw NotAvailable.Because("gateway run");
}
