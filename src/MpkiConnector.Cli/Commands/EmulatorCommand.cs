using System.CommandLine;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki emulator</c>: the local SCM, standalone, until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public const string DefaultConfig = "config/emulator.json";

    public static Command Create(CliCommandFactory factory)
    {
        var urls = new Option<string?>("--urls") { Description = "Address(es) to listen on, ';'-separated (default: the configuration's, else http://127.0.0.1:8088)", HelpName = "URL" };
        var data = new Option<string>("--data") { Description = "Folder for the emulator's CA and database", DefaultValueFactory = _ => ".mpki/emulator", HelpName = "DIR" };
        return factory.Leaf(
            "emulator",
            "Runs the local Sectigo Certificate Manager emulator until Ctrl+C",
            ctx => EmulatorHost.RunAsync(ctx, ctx.Get(urls), Path.GetFullPath(ctx.Get(data)!)),
            DefaultConfig,
            urls,
            data);
    }
}
