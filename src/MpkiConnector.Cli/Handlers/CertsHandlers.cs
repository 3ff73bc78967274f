using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class CertsHandlers
{
    public static Task<int> ListAsync(CommandContext ctx, string? address, int? expiringDays, bool json) => throw NotAvailable.Because("certs list");

    public static Task<int> ExportAsync(CommandContext ctx, string address, string output, bool chain) => throw NotAvailable.Because("certs export");
}
