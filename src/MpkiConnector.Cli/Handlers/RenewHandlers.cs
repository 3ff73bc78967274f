using System.Globalization;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Renewal;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki renew [--dry-run]</c>.</summary>
internal static class RenewHandlers
{
    public static async Task<int> RenewAsync(CommandContext ctx, bool dryRun, bool json)
    {
        StoreAccess.RequireExisting(ctx);
        await using var gateway = dryRun
            ? GatewayFactory.Create(ctx, secrets: CommandSecrets.None)
            : await GatewayFactory.CreateWithKeysAsync(ctx).ConfigureAwait(false);
        var report = await gateway.RenewAsync(dryRun, ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, new { report.DryRun, report.Checked, report.Renewed, report.Failed, report.Items, report.ExpiringSoon });
            return report.Failed > 0 ? ExitCodes.CertificateAuthority : ExitCodes.Success;
        }

        ctx.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{(dryRun ? "Dry run: " : string.Empty)}{report.Checked} certificate(s) checked, {report.Items.Count} due{(dryRun ? string.Empty : $", {report.Renewed} renewed, {report.Failed} failed")}."));
        if (report.Items.Count > 0)
        {
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Address", "Serial", "Not after", "Why", "Result", "Detail");
            foreach (var item in report.Items)
            {
                table.AddRow(
                    Markup.Escape(item.Address),
                    item.SerialNumber,
                    item.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    item.Reason.ToString(),
                    item.Result.ToString(),
                    Markup.Escape(ctx.Redactor.Redact(item.Detail ?? string.Empty)));
            }

            ctx.Io.Console.Write(table);
        }

        foreach (var expiring in report.ExpiringSoon)
        {
            ctx.Io.Error.WriteLine(ctx.Redactor.Redact(string.Create(
                CultureInfo.InvariantCulture,
                $"mpki: warning: {expiring.Address} (serial {expiring.SerialNumber}) ends {expiring.NotAfter:yyyy-MM-dd} without a successful renewal")));
        }

        return report.Items.Any(i => i.Result == RenewalResult.Failed) ? ExitCodes.CertificateAuthority : ExitCodes.Success;
    }
}
