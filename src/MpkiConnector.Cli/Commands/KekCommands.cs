using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki kek rotate --new FILE</c>.</summary>
internal static class KekCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        var file = new Option<string>("--new") { Description = "The new key file (32 random bytes in base64); created (mode 0600) when it does not exist", Required = true, HelpName = "FILE" };
        var json = CommonOptions.Json();
        var rotate = factory.Leaf(
            "rotate",
            "Re-seals every private key of the store under a new key-encryption key, in one transaction, and points the configuration at it",
            ctx => KekHandlers.RotateAsync(ctx, Path.GetFullPath(ctx.Get(file)!), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            file,
            json);
        return CliCommandFactory.Group("kek", "The key-encryption key that seals the store's private keys", rotate);
    }
}
