using System.Globalization;
using Microsoft.Extensions.Logging;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki gateway run</c>.</summary>
internal static class GatewayHandlers
{
    public static async Task<int> RunAsync(CommandContext ctx, string? spool, string? output, bool once, bool json)
    {
        var spoolFolder = spool is null ? null : Path.GetFullPath(spool);
        if (spoolFolder is not null && !Directory.Exists(spoolFolder))
        {
            throw CliException.NotFound($"--spool: the folder '{spoolFolder}' does not exist");
        }

        var outbox = output is null ? null : Path.GetFullPath(output);
        await using var gateway = await GatewayFactory.CreateWithKeysAsync(ctx, json ? LogLevel.Error : LogLevel.Warning).ConfigureAwait(false);
        spoolFolder ??= gateway.Options.Folders.Spool;
        Directory.CreateDirectory(spoolFolder);
        if (once)
        {
            var total = SpoolFiles.Count(spoolFolder);
            var summary = await CliProgress.RunAsync(
                ctx.Io,
                json,
                "messages",
                total,
                () => total - SpoolFiles.Count(spoolFolder),
                () => gateway.ProcessOnceAsync(spoolFolder, outbox, ctx.CancellationToken)).ConfigureAwait(false);
            if (json)
            {
                JsonOutput.Write(ctx, summary);
            }
            else
            {
                RunSummaryPrinter.Print(ctx, summary);
            }

            return ExitCodes.Success;
        }

        ctx.WriteLine($"Gateway watching {spoolFolder} (outbox {outbox ?? gateway.Options.Folders.Outbox}); renewal checks every {gateway.Options.Renewal.CheckInterval}. Ctrl+C stops it.");
        ctx.Io.Out.Flush();
        try
        {
            await gateway.RunAsync(spoolFolder, outbox, pollInterval: null, onPass: pass =>
            {
                if (json)
                {
                    JsonOutput.Write(ctx, pass);
                }
                else
                {
                    ctx.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetLocalNow():HH:mm:ss} {pass}"));
                    ctx.Io.Out.Flush();
                }
            }, ctx.CancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ctx.CancellationToken.IsCancellationRequested)
        {
            ctx.WriteLine("Gateway stopped.");
        }

        return ExitCodes.Success;
    }
}
