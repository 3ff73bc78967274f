using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki store copy --to CONNECTION [--replace]</c>.</summary>
internal static class StoreCommands
{
    public static Command Create(CliCommandFactory factory)
    {
        var to = new Option<string>("--to") { Description = "The PostgreSQL connection string of the target database (Host=...;Database=...; the password better in a .pgpass file)", Required = true, HelpName = "CONNECTION" };
        var replace = new Option<bool>("--replace") { Description = "Empty the target's tables first instead of refusing a target that holds data" };
        var json = CommonOptions.Json();
        var copy = factory.Leaf(
            "copy",
            "Copies the configured SQLite store into a PostgreSQL database (keys stay sealed), verified by a row count and checksum per table",
            ctx => StoreHandlers.CopyAsync(ctx, ctx.Get(to)!, ctx.Get(replace), ctx.Get(json)),
            CliConfiguration.DefaultGatewayConfig,
            to,
            replace,
            json);
        return CliCommandFactory.Group("store", "The store itself: moving it to PostgreSQL for several gateway nodes", copy);
    }
}
