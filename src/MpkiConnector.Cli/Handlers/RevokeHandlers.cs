using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class RevokeHandlers
{
    public static Task<int> RevokeAsync(CommandContext ctx, string? address, string? serial, MpkiRevocationReason reason) => throw NotAvailable.Because("revoke");
}
