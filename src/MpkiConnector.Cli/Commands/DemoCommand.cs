using System.CommandLine;
using MpkiConnector.Cli.Demo;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Commands;

/// <summary><c>mpki demo</c>: the in-process emulator and the gateway over examples/mail.</summary>
internal static class DemoCommand
{
    public static Command Create(CliCommandFactory factory)
    {
        var data = new Option<string>("--data") { Description = "Folder for the demo's store, key-encryption key, emulator and mail folders", DefaultValueFactory = _ => DemoPaths.DefaultDataFolder, HelpName = "DIR" };
        var mail = new Option<string?>("--mail") { Description = "Folder of .eml messages to run (default examples/mail)", HelpName = "DIR" };
        var json = CommonOptions.Json();
        return factory.Leaf(
            "demo",
            "The default run: starts the SCM emulator in-process and runs the gateway over examples/mail",
            async ctx =>
            {
                if (!ctx.ConfigGiven && !File.Exists(ctx.ConfigPath))
                {
                    ctx.UseConfig(ToolSamples.GatewayConfig); // outside the repository: the sample inside the tool
                }

                var options = new DemoOptions(
                    Path.GetFullPath(ctx.Get(data)!),
                    DemoPaths.ResolveMailFolder(ctx.Get(mail)),
                    ctx.ConfigPath,
                    ctx.Get(json));
                var summary = await new DemoRunner(ctx, options).RunAsync(ctx.CancellationToken).ConfigureAwait(false);
                return summary.Succeeded ? ExitCodes.Success : ExitCodes.Failure;
            },
            CliConfiguration.DefaultGatewayConfig,
            data,
            mail,
            json);
    }
}
