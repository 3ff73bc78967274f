using System.Globalization;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki certs list|export</c>.</summary>
internal static class CertsHandlers
{
    /// <summary>How many certificates a listing reads from the store at a time (and puts in one table).</summary>
    internal const int PageSize = 500;

    public static async Task<int> ListAsync(CommandContext ctx, string? address, int? expiringDays, bool json)
    {
        if (expiringDays is < 0)
        {
            throw CliException.Configuration("--expiring: DAYS must not be negative");
        }

        StoreAccess.RequireExisting(ctx);
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        var certificates = gateway.Certificates.StreamAsync(
            string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
            expiringDays,
            expiringDays is null ? null : CertificateStatus.Active,
            PageSize,
            ctx.CancellationToken);
        var count = json
            ? await CertificateListOutput.WriteJsonAsync(ctx, certificates).ConfigureAwait(false)
            : await CertificateListOutput.WriteTablesAsync(ctx, certificates, PageSize).ConfigureAwait(false);
        if (!json)
        {
            ctx.WriteLine(count == 0 ? "No certificates match." : string.Create(CultureInfo.InvariantCulture, $"{count} certificate(s)"));
        }

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
