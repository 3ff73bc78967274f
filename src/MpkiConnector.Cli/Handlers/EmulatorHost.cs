using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

internal static class EmulatorHost
{
    public static Task<int> RunAsync(CommandContext ctx, string urls, string dataFolder) => throw NotAvailable.Because("emulator");
}
