using System.Globalization;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary>Prints what a gateway pass did, and where its output is.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(CommandContext ctx, GatewayRunSummary summary)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Messages").AddColumn(new TableColumn("Count").RightAligned());
        Add(table, "processed", summary.Processed);
        Add(table, "signed", summary.Signed);
        Add(table, "  of which also encrypted", summary.Encrypted);
        Add(table, "deferred (retried later)", summary.Deferred);
        Add(table, "passed on unsigned (managed sender)", summary.PassedUnsigned);
        Add(table, "passed through (not managed)", summary.PassedThrough);
        Add(table, "rejected", summary.Rejected);
        Add(table, "inbound decrypted", summary.Decrypted);
        Add(table, "recipient certificates harvested", summary.Harvested);
        Add(table, "certificates issued", summary.Issued);
        ctx.Io.Console.Write(table);
        if (summary.Outbox is not null)
        {
            ctx.WriteLine($"Outbox:   {summary.Outbox}");
        }

        if (summary.DeferredFolder is not null && summary.Deferred > 0)
        {
            ctx.WriteLine($"Deferred: {summary.DeferredFolder}");
        }

        if (summary.RejectedFolder is not null && summary.Rejected > 0)
        {
            ctx.WriteLine($"Rejected: {summary.RejectedFolder} (each with a .reason.txt)");
        }
    }

    private static void Add(Table table, string label, int count) =>
        table.AddRow(Markup.Escape(label), count.ToString(CultureInfo.InvariantCulture));
}
