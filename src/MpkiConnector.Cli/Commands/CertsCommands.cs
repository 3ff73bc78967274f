using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki certs list|export</c>.</summary>
internal static class CertsCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        return CliCommandFactory.Group("certs", "The certificates in the store", List(factory), Export(factory));
    }

    private static Command List(CliCommandFactory factory)
    {
        var address = new Option<string?>("--address") { Description = "Only this address", HelpName = "A" };
        var expiring = new Option<int?>("--expiring") { Description = "Only certificates that end within DAYS days", HelpName = "DAYS" };
        var atCa = new Option<bool>("--at-ca") { Description = "List what the CA issued (persons and devices, whoever enrolled them) instead of the store" };
        var provider = new Option<string?>("--provider") { Description = "With --at-ca: only this provider account", HelpName = "NAME" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "list",
            "Lists certificates (address, serial, validity, status)",
            ctx => ctx.Get(atCa)
                ? AtCaCertsHandler.ListAsync(ctx, ctx.Get(provider), ctx.Get(address), ctx.Get(expiring), ctx.Get(json))
                : CertsHandlers.ListAsync(ctx, ctx.Get(address), ctx.Get(expiring), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            address,
            expiring,
            atCa,
            provider,
            json);
    }

    private static Command Export(CliCommandFactory factory)
    {
        var address = new Argument<string>("ADDRESS") { Description = "The address whose active certificate to export" };
        var output = new Option<string>("--out") { Description = "The PEM file to write", Required = true, HelpName = "FILE.pem" };
        var chain = new Option<bool>("--chain") { Description = "Append the issuing chain" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "export",
            "Writes the active certificate of an address as PEM (never the key)",
            ctx => CertsHandlers.ExportAsync(ctx, ctx.Get(address)!, ctx.Get(output)!, ctx.Get(chain), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            address,
            output,
            chain,
            json);
    }
}
