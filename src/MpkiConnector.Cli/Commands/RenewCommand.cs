using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki renew [--dry-run]</c>.</summary>
internal static class RenewCommand
{
    public static Command Create(CliCommandFactory factory)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what is due" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "renew",
            "Renews every certificate within its overlap (re-key and enroll); the old one is kept for decryption",
            ctx => RenewHandlers.RenewAsync(ctx, ctx.Get(dryRun), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            dryRun,
            json);
    }
}
