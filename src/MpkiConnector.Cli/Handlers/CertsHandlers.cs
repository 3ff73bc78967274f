using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Storage;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki certs list|export</c>, read from the store.</summary>
internal static class CertsHandlers
{
    public static async Task<int> ListAsync(CommandContext ctx, string? address, int? expiringDays, bool json)
    {
        if (expiringDays is < 0)
        {
            throw CliException.Configuration("--expiring: DAYS must not be negative");
        }

        var options = GatewayConfigLoader.Load(ctx);
        using var store = await StoreAccess.OpenExistingAsync(ctx, options).ConfigureAwait(false);
        var query = new CertificateQuery
        {
            Address = string.IsNullOrWhiteSpace(address) ? null : address.Trim().ToLowerInvariant(),
            NotAfterBefore = expiringDays is { } days ? TimeProvider.System.GetUtcNow().AddDays(days) : null,
            Status = expiringDays is null ? null : CertificateStatus.Active,
        };
        var certificates = await store.ListCertificatesAsync(query, ctx.CancellationToken).ConfigureAwait(false);
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

    public static async Task<int> ExportAsync(CommandContext ctx, string address, string output, bool chain)
    {
        var options = GatewayConfigLoader.Load(ctx);
        using var store = await StoreAccess.OpenExistingAsync(ctx, options).ConfigureAwait(false);
        var normalized = address.Trim().ToLowerInvariant();
        var certificate = await store.GetActiveCertificateAsync(normalized, ctx.CancellationToken).ConfigureAwait(false)
            ?? throw CliException.NotFound($"no active certificate for '{normalized}' (see 'mpki certs list')");

        var pem = new StringBuilder();
        pem.Append(PemEncoding.Write("CERTIFICATE", certificate.Der)).Append('\n');
        if (chain)
        {
            foreach (var der in certificate.Chain)
            {
                pem.Append(PemEncoding.Write("CERTIFICATE", der)).Append('\n');
            }
        }

        var path = Path.GetFullPath(output);
        var folder = Path.GetDirectoryName(path);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw CliException.NotFound($"--out: the folder '{folder}' does not exist");
        }

        await File.WriteAllTextAsync(path, pem.ToString(), ctx.CancellationToken).ConfigureAwait(false);
        ctx.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Wrote {path}: {normalized}, serial {certificate.SerialNumber}, valid until {certificate.NotAfter:yyyy-MM-dd}{(chain ? $", with {certificate.Chain.Count} chain certificate(s)" : string.Empty)}"));
        return ExitCodes.Success;
    }
}
