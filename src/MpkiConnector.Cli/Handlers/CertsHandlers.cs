using System.Globalization;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Storage;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki certs list|export</c>.</summary>
internal static class CertsHandlers
{
    public static async Task<int> ListAsync(CommandContext ctx, string? address, int? expiringDays, bool json)
    {
        if (expiringDays is < 0)
        {
            throw CliException.Configuration("--expiring: DAYS must not be negative");
        }

        StoreAccess.RequireExisting(ctx);
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        var certificates = await gateway.Certificates.ListAsync(
            string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
            expiringDays,
            expiringDays is null ? null : CertificateStatus.Active,
            ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, certificates.Select(CertificateView.From).ToArray());
            return ExitCodes.Success;
        }

        if (certificates.Count == 0)
        {
            ctx.WriteLine("No certificates match.");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Address", "Status", "Serial", "Not before", "Not after", "Issuer", "Provider");
        foreach (var c in certificates)
        {
            table.AddRow(
                Markup.Escape(c.Address),
                c.Status.ToString(),
                c.SerialNumber,
                c.NotBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Markup.Escape(CertificateView.CommonName(c.Issuer)),
                Markup.Escape(c.ProviderName));
        }

        ctx.Io.Console.Write(table);
        ctx.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{certificates.Count} certificate(s)"));
        return ExitCodes.Success;
    }

    public static async Task<int> ExportAsync(CommandContext ctx, string address, string output, bool chain, bool json)
    {
        var path = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw CliException.NotFound($"--out: the folder '{folder}' does not exist");
        }

        StoreAccess.RequireExisting(ctx);
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        var pem = await gateway.Certificates.ExportPemAsync(address.Trim(), chain, ctx.CancellationToken).ConfigureAwait(false)
            ?? throw CliException.NotFound($"no active certificate for '{address.Trim()}' (see 'mpki certs list')");
        await File.WriteAllTextAsync(path, pem, ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, new { Address = address.Trim(), Out = path, Chain = chain });
            return ExitCodes.Success;
        }

        ctx.WriteLine($"Wrote {path}: the active certificate of {address.Trim()}{(chain ? " with its chain" : string.Empty)}.");
        return ExitCodes.Success;
    }
}
