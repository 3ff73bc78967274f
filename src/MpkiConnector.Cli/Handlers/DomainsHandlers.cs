using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class DomainsHandlers
{
    public static Task<int> ListAsync(CommandContext ctx, bool json)
    {
        _ = GatewayConfigLoader.Load(ctx);
        _ = json;
        throw NotAvailable.Because("domains list");
    }

    public static Task<int> AddAsync(CommandContext ctx, string domain, string provider, string? type, int? term, string? key) => throw NotAvailable.Because("domains add");

    public static Task<int> RemoveAsync(CommandContext ctx, string domain) => throw NotAvailable.Because("domains remove");
}
