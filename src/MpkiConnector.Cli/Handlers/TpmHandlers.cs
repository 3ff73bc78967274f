using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class TpmHandlers
{
    public static Task<int> EnrollAsync(CommandContext ctx, string type, string? email, string? device, string provider, MpkiKeyAlgorithm algorithm) => throw NotAvailable.Because("tpm enroll");

    public static Task<int> ListAsync(CommandContext ctx, bool json) => throw NotAvailable.Because("tpm list");

    public static Task<int> VerifyAsync(CommandContext ctx, bool json) => throw NotAvailable.Because("tpm verify");

    public static Task<int> RemoveAsync(CommandContext ctx, string id) => throw NotAvailable.Because("tpm remove");
}
