using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki message verify|decrypt FILE</c>: check what the gateway wrote.</summary>
internal static class MessageCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        var file = new Argument<string>("FILE") { Description = "An .eml message (for example from the outbox)" };
        var root = new Option<string[]>("--ca") { Description = "A trusted root certificate (PEM) besides the roots of the store's certificates; repeatable", HelpName = "FILE" };
        var json = CommonOptions.Json();
        var verify = factory.Leaf(
            "verify",
            "Verifies a message's S/MIME signature and the signer's chain (to a root of the store, or --ca); decrypts it first when it is encrypted",
            ctx => MessageHandlers.VerifyAsync(ctx, ctx.Get(file)!, ctx.Get(root) ?? [], ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            file,
            root,
            json);
        var encrypted = new Argument<string>("FILE") { Description = "An encrypted .eml message" };
        var output = new Option<string?>("--out") { Description = "Where to write the decrypted message (default: standard output)", HelpName = "FILE" };
        var decryptJson = CommonOptions.Json();
        var decrypt = factory.Leaf(
            "decrypt",
            "Decrypts an S/MIME message with the store's keys",
            ctx => MessageHandlers.DecryptAsync(ctx, ctx.Get(encrypted)!, ctx.Get(output), ctx.Get(decryptJson)),
            CliConfiguration.DefaultGatewayConfig,
            encrypted,
            output,
            decryptJson);
        return CliCommandFactory.Group("message", "Check a message the gateway wrote: its signature, or its content", verify, decrypt);
    }
}
