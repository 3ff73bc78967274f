using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class RenewHandlers
{
    public static Task<int> RenewAsync(CommandContext ctx, bool dryRun, bool json) => throw NotAvailable.Because("renew");
}
