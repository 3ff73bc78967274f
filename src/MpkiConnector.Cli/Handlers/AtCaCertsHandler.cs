using System.Globalization;
using MpkiConnector.Cli.Infrastructure;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// <c>mpki certs list --at-ca</c>: what the CA has on record for each provider account (<see cref="IMpkiCertificateListing"/>),
/// whoever enrolled it (this connector, a self-enrollment form, the CA's portal): persons and devices.
/// </summary>
internal static class AtCaCertsHandler
{
    private const int PageSize = 200;
    private const int MaxItems = 10_000;

    public static async Task<int> ListAsync(CommandContext ctx, string? providerName, string? address, int? expiringDays, bool json)
    {
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.CaPassword);
        var now = DateTimeOffset.UtcNow;
        var rows = new List<(string Provider, MpkiCertificateListItem Item)>();
        foreach (var provider in AtCaProvider.All(gateway, providerName))
        {
            if (provider is not IMpkiCertificateListing listing)
            {
                ctx.Io.Error.WriteLine($"mpki: warning: the provider account '{provider.Name}' cannot list what its CA issued; skipped");
                continue;
            }

            foreach (var kind in new[] { MpkiCertificateKind.Person, MpkiCertificateKind.Device })
            {
                await foreach (var item in ReadAllAsync(listing, kind, ctx.CancellationToken).ConfigureAwait(false))
                {
                    rows.Add((provider.Name, item));
                }
            }
        }

        var shown = rows
            .Where(r => string.IsNullOrWhiteSpace(address) || (r.Item.Subject?.Contains(address.Trim(), StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(r => expiringDays is null || (r.Item.NotAfter is { } end && end <= now.AddDays(expiringDays.Value) && r.Item.Status == "issued"))
            .ToList();
        if (json)
        {
            JsonOutput.Write(ctx, shown.Select(r => new
            {
                r.Provider, r.Item.Id, Kind = r.Item.Kind.ToString(), r.Item.Subject, r.Item.Status, r.Item.NotAfter, r.Item.SerialNumber,
            }).ToArray());
            return ExitCodes.Success;
        }

        if (shown.Count == 0)
        {
            ctx.WriteLine("The CA has no certificates that match.");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Provider", "Kind", "CA id", "Subject", "Status", "Not after", "Serial");
        foreach (var (provider, item) in shown)
        {
            table.AddRow(
                Markup.Escape(provider),
                item.Kind.ToString(),
                Markup.Escape(item.Id),
                Markup.Escape(item.Subject ?? "-"),
                Markup.Escape(item.Status),
                item.NotAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(item.SerialNumber ?? "-"));
        }

        ctx.Io.Console.Write(table);
        ctx.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{shown.Count} certificate(s) at the CA"));
        return ExitCodes.Success;
    }

    private static async IAsyncEnumerable<MpkiCertificateListItem> ReadAllAsync(
        IMpkiCertificateListing listing, MpkiCertificateKind kind, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var position = 0;
        while (position < MaxItems)
        {
            var page = await listing.ListCertificatesAsync(kind, position, PageSize, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            position += page.Items.Count;
            if (page.Items.Count < PageSize || (page.TotalCount is { } total && position >= total))
            {
                yield break;
            }
        }
    }
}
