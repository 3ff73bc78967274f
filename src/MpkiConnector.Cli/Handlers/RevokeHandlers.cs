using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki revoke (ADDRESS | --serial S) [--reason R] [--yes]</c>: asks first (or needs --yes); an already-revoked certificate is said to be so.</summary>
internal static class RevokeHandlers
{
    public static async Task<int> RevokeAsync(CommandContext ctx, string? address, string? serial, MpkiRevocationReason reason, bool yes, bool json)
    {
        StoreAccess.RequireExisting(ctx);
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.CaPassword);
        address = string.IsNullOrWhiteSpace(address) ? null : address.Trim();
        serial = string.IsNullOrWhiteSpace(serial) ? null : serial.Trim().Replace(":", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var candidates = await FindAsync(gateway, address, serial, ctx.CancellationToken).ConfigureAwait(false);
        var what = address is not null ? $"'{address}'" : $"serial {serial}";
        if (candidates.Count == 0)
        {
            throw CliException.NotFound($"no certificate for {what} (see 'mpki certs list')");
        }

        var targets = candidates.Where(c => c.Status != CertificateStatus.Revoked).ToList();
        if (targets.Count == 0 || (address is not null && targets.All(c => c.Status != CertificateStatus.Active)))
        {
            var revoked = candidates.First(c => c.Status == CertificateStatus.Revoked || address is not null);
            if (json)
            {
                JsonOutput.Write(ctx, new { AlreadyRevoked = true, Revoked = Array.Empty<CertificateView>(), Certificate = CertificateView.From(revoked) });
                return ExitCodes.Success;
            }

            ctx.WriteLine($"The certificate of {revoked.Address} (serial {revoked.SerialNumber}) is already {revoked.Status.ToString().ToLowerInvariant()}; nothing to revoke{(address is null ? string.Empty : " (the address has no active certificate)")}.");
            return ExitCodes.Success;
        }

        Confirm(ctx, targets, reason, yes);
        var done = await gateway.Certificates.RevokeAsync(address, serial, reason, ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, new { AlreadyRevoked = false, Revoked = done.Select(CertificateView.From).ToArray() });
            return ExitCodes.Success;
        }

        foreach (var certificate in done)
        {
            ctx.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Revoked {certificate.Address}, serial {certificate.SerialNumber} (reason {reason}); the next renewal check replaces it."));
        }

        return ExitCodes.Success;
    }

    private static void Confirm(CommandContext ctx, IReadOnlyList<CertificateRecord> targets, MpkiRevocationReason reason, bool yes)
    {
        if (yes)
        {
            return;
        }

        var list = string.Join(", ", targets.Select(t => $"{t.Address} (serial {t.SerialNumber})"));
        if (!ctx.Io.Interactive || Console.IsInputRedirected)
        {
            throw CliException.Configuration($"revoke: not confirmed; revoking {list} at the CA cannot be undone: add --yes (no terminal to ask on)");
        }

        ctx.Io.Error.Write($"Revoke {list} at the CA (reason {reason})? This cannot be undone. [y/N] ");
        var answer = Console.ReadLine();
        if (!string.Equals(answer?.Trim(), "y", StringComparison.OrdinalIgnoreCase) && !string.Equals(answer?.Trim(), "yes", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCodes.Cancelled, "revoke: not confirmed; nothing was revoked");
        }
    }

    private static async Task<IReadOnlyList<CertificateRecord>> FindAsync(MpkiGateway gateway, string? address, string? serial, CancellationToken cancellationToken)
    {
        if (serial is not null)
        {
            return await gateway.Services.GetRequiredService<ICertificateStore>().ListCertificatesAsync(new CertificateQuery { SerialNumber = serial }, cancellationToken).ConfigureAwait(false);
        }

        return (await gateway.Certificates.ListAsync(address, cancellationToken: cancellationToken).ConfigureAwait(false))
            .OrderByDescending(c => c.Status == CertificateStatus.Active)
            .ThenByDescending(c => c.NotBefore)
            .ToList();
    }
}
