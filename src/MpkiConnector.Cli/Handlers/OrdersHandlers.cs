using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Storage;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki orders list|cancel</c>: the order journal, without the KEK or the CA password.</summary>
internal static class OrdersHandlers
{
    public const string CancelledByOperator = "cancelled by the operator (mpki orders cancel)";

    public static async Task<int> ListAsync(CommandContext ctx, bool openOnly, string? address, bool json)
    {
        StoreAccess.RequireExisting(ctx);
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        var orders = await ListAsync(gateway, openOnly, address, ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, orders.Select(OrderView.From).ToArray());
            return ExitCodes.Success;
        }

        if (orders.Count == 0)
        {
            ctx.WriteLine(openOnly ? "No open orders." : "No orders.");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Id", "Address", "State", "CA order", "Attempts", "Next attempt", "Last error");
        foreach (var o in orders)
        {
            table.AddRow(
                o.Id,
                Markup.Escape(o.Address),
                o.State.ToString(),
                Markup.Escape(o.ProviderOrderId ?? "-"),
                o.Attempts.ToString(CultureInfo.InvariantCulture),
                o.NextAttemptAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                Markup.Escape(ctx.Redactor.Redact(o.LastError ?? string.Empty)));
        }

        ctx.Io.Console.Write(table);
        ctx.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{orders.Count} order(s), {orders.Count(o => o.IsOpen)} open"));
        return ExitCodes.Success;
    }

    public static async Task<int> CancelAsync(CommandContext ctx, string id, bool json)
    {
        StoreAccess.RequireExisting(ctx);
        await using var gateway = GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        var journal = gateway.Services.GetRequiredService<IOrderJournal>();
        var order = await journal.GetOrderAsync(id.Trim(), ctx.CancellationToken).ConfigureAwait(false);
        if (order is null)
        {
            var matches = (await ListAsync(gateway, openOnly: false, address: null, ctx.CancellationToken).ConfigureAwait(false))
                .Where(o => o.Id.StartsWith(id.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            order = matches.Count switch
            {
                1 => matches[0],
                0 => throw CliException.NotFound($"no order '{id}' (see 'mpki orders list')"),
                _ => throw CliException.Configuration($"'{id}' matches {matches.Count} orders; give more of the id"),
            };
        }

        if (!order.IsOpen)
        {
            throw new CliException(ExitCodes.Failure, $"order {order.Id} ({order.Address}) is not open: it is {order.State.ToString().ToLowerInvariant()}");
        }

        var now = TimeProvider.System.GetUtcNow();
        await journal.UpdateOrderAsync(order with { State = OrderState.Failed, LastError = CancelledByOperator, NextAttemptAt = null, UpdatedAt = now }, ctx.CancellationToken).ConfigureAwait(false);
        await gateway.Services.GetRequiredService<IAuditLog>().AppendAsync(new AuditEntry(now, "order.cancelled", order.Address, $"order {order.Id}, CA order {order.ProviderOrderId ?? "none"}"), ctx.CancellationToken).ConfigureAwait(false);
        var atCa = order.ProviderOrderId is null
            ? "it had not reached the CA"
            : $"the CA's order {order.ProviderOrderId} is not cancelled there (the provider cannot); withdraw it in the CA's portal if it should not be issued";
        if (json)
        {
            JsonOutput.Write(ctx, new { Cancelled = OrderView.From(order), AtCa = false, Detail = atCa });
            return ExitCodes.Success;
        }

        ctx.WriteLine($"Cancelled order {order.Id} for {order.Address}; {atCa}.");
        return ExitCodes.Success;
    }

    /// <summary>Open orders, and the history of every address that has a certificate or an open order (newest first).</summary>
    private static async Task<IReadOnlyList<OrderRecord>> ListAsync(MpkiGateway gateway, bool openOnly, string? address, CancellationToken cancellationToken)
    {
        var journal = gateway.Services.GetRequiredService<IOrderJournal>();
        var open = await journal.ListOpenOrdersAsync(cancellationToken).ConfigureAwait(false);
        IEnumerable<OrderRecord> orders = open;
        if (!openOnly)
        {
            var addresses = string.IsNullOrWhiteSpace(address)
                ? (await gateway.Certificates.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Select(c => c.Address).Concat(open.Select(o => o.Address))
                : [address.Trim().ToLowerInvariant()];
            var all = new List<OrderRecord>();
            foreach (var a in addresses.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                all.AddRange(await journal.ListOrdersAsync(a, cancellationToken).ConfigureAwait(false));
            }

            orders = all;
        }

        return orders
            .Where(o => string.IsNullOrWhiteSpace(address) || string.Equals(o.Address, address.Trim(), StringComparison.OrdinalIgnoreCase))
            .DistinctBy(o => o.Id)
            .OrderByDescending(o => o.CreatedAt)
            .ToList();
    }
}
