using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki provider discover|check NAME</c>.</summary>
internal static class ProviderCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        return CliCommandFactory.Group(
            "provider",
            "A configured provider account: what it offers, and whether it is set up right",
            Discover(factory),
            Check(factory));
    }

    private static Command Discover(CliCommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "The provider account's name in the configuration (Providers:NAME)" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "discover",
            "Logs in and lists the organisation IDs and certificate types (terms, key types) of the account",
            ctx => ProviderHandlers.DiscoverAsync(ctx, ctx.Get(name)!, ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            name,
            json);
    }

    private static Command Check(CliCommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "The provider account's name in the configuration (Providers:NAME)" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "check",
            "Checks the account read-only, step by step; for every failed step prints what to fix (exit 0 only when all pass)",
            ctx => ProviderHandlers.CheckAsync(ctx, ctx.Get(name)!, ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            name,
            json);
    }
}
