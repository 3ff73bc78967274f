using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class ProviderHandlers
{
    public static Task<int> DiscoverAsync(CommandContext ctx, string name, bool json) => throw NotAvailable.Because("provider discover");

    public static Task<int> CheckAsync(CommandContext ctx, string name, bool json) => throw NotAvailable.Because("provider check");
}
