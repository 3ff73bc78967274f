using System.Globalization;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway;
using Spectre.Console;

namespace MpkiConnector.Cli.Demo;

/// <summary>Prints what the demo did and where its output is.</summary>
internal static class DemoReport
{
    public static void Print(CommandContext ctx, DemoSummary summary, GatewayRunSummary inbound, GatewayRunSummary corpus)
    {
        _ = inbound;
        _ = corpus;
        var table = new Table().Border(TableBorder.Rounded).Title(string.Create(CultureInfo.InvariantCulture, $"mpki demo: done in {summary.Seconds:0.0} s"))
            .AddColumn("What").AddColumn(new TableColumn("Count").RightAligned());
        Row(table, "messages in (corpus + partner mail)", summary.InputMessages + summary.InboundSignedMessages);
        Row(table, "certificates issued this run", summary.CertificatesIssued);
        Row(table, "certificates in the store", summary.CertificatesInStore);
        Row(table, "orders at the emulator (before -> after)", $"{summary.OrdersBefore} -> {summary.OrdersAfter}");
        Row(table, "signed", summary.Signed);
        Row(table, "  of which also encrypted", summary.Encrypted);
        Row(table, "deferred", summary.Deferred);
        Row(table, "passed on unsigned (managed sender)", summary.PassedUnsigned);
        Row(table, "passed through (not managed, or inbound)", summary.PassedThrough);
        Row(table, "rejected", summary.Rejected);
        Row(table, "partner certificates harvested", summary.Harvested);
        ctx.Io.Console.Write(table);

        ctx.WriteLine(summary.NewOrders == 0
            ? "No new orders: every sender's certificate was reused from the store."
            : string.Create(CultureInfo.InvariantCulture, $"{summary.NewOrders} new order(s) at the emulator; run the demo again: the certificates are reused and no order is placed."));
        ctx.WriteLine($"Outbox:   {summary.Outbox}");
        if (summary.Deferred > 0)
        {
            ctx.WriteLine($"Deferred: {summary.DeferredFolder}");
        }

        ctx.WriteLine($"Rejected: {summary.RejectedFolder}");
        foreach (var rejection in summary.Rejections)
        {
            ctx.WriteLine($"  {rejection.File}: {rejection.Reason}");
        }

        var sample = SignedSample(summary.Outbox);
        if (sample is not null)
        {
            ctx.WriteLine($"Check a signed message: openssl smime -verify -in {sample} -CAfile {summary.EmulatorRoot} -purpose smimesign -out /dev/null");
        }

        ctx.WriteLine($"Explore the demo's store: MPKI__Store__Path={Path.Combine(summary.DataFolder, "mpki.db")} MPKI__KeyEncryptionKey=file:{Path.Combine(summary.DataFolder, "kek.b64")} MPKI__Providers__emulator__Password=unused mpki certs list");
    }

    /// <summary>An outbox message signed (not encrypted) by a managed sender, to show the openssl check.</summary>
    private static string? SignedSample(string outbox)
    {
        if (!Directory.Exists(outbox))
        {
            return null;
        }

        return Directory.EnumerateFiles(outbox, "*.eml")
            .Where(f => !Path.GetFileName(f).StartsWith("0000-inbound", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .FirstOrDefault(f => File.ReadLines(f).Take(30).Any(l => l.Contains("multipart/signed", StringComparison.OrdinalIgnoreCase)));
    }

    private static void Row(Table table, string label, int value) => Row(table, label, value.ToString(CultureInfo.InvariantCulture));

    private static void Row(Table table, string label, string value) => table.AddRow(Markup.Escape(label), Markup.Escape(value));
}
