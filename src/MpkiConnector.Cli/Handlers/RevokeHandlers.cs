using System.Globalization;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki revoke (ADDRESS | --serial S) [--reason R]</c>.</summary>
internal static class RevokeHandlers
{
    public static async Task<int> RevokeAsync(CommandContext ctx, string? address, string? serial, MpkiRevocationReason reason)
    {
        StoreAccess.RequireExisting(ctx);
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.CaPassword);
        var revoked = await gateway.Certificates.RevokeAsync(
            string.IsNullOrWhiteSpace(address) ? null : address.Trim(),
            string.IsNullOrWhiteSpace(serial) ? null : serial.Trim(),
            reason,
            ctx.CancellationToken).ConfigureAwait(false);
        if (revoked.Count == 0)
        {
            throw CliException.NotFound(address is not null ? $"no certificate to revoke for '{address}'" : $"no certificate with serial {serial}");
        }

        foreach (var certificate in revoked)
        {
            ctx.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Revoked {certificate.Address}, serial {certificate.SerialNumber} (reason {reason}); the next renewal check replaces it."));
        }

        return ExitCodes.Success;
    }
}
