using System.Globalization;
using System.Text.Json;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Storage;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary>Writes a certificate listing as it is read: a JSON array element by element, or one table per page.</summary>
internal static class CertificateListOutput
{
    /// <summary>Writes a JSON array of <see cref="CertificateView"/>s; returns how many.</summary>
    public static async Task<long> WriteJsonAsync(CommandContext ctx, IAsyncEnumerable<CertificateRecord> certificates)
    {
        long count = 0;
        var output = ctx.Io.Out;
        await foreach (var certificate in certificates.ConfigureAwait(false))
        {
            var element = JsonSerializer.Serialize(CertificateView.From(certificate), JsonOutput.Options).Replace("\n", "\n  ", StringComparison.Ordinal);
            output.Write(count++ == 0 ? "[\n  " : ",\n  ");
            output.Write(ctx.Redactor.Redact(element));
        }

        output.WriteLine(count == 0 ? "[]" : "\n]");
        output.Flush();
        return count;
    }

    /// <summary>Writes the certificates as tables of at most <paramref name="rowsPerTable"/> rows; returns how many.</summary>
    public static async Task<long> WriteTablesAsync(CommandContext ctx, IAsyncEnumerable<CertificateRecord> certificates, int rowsPerTable)
    {
        long count = 0;
        Table? table = null;
        await foreach (var c in certificates.ConfigureAwait(false))
        {
            table ??= new Table().Border(TableBorder.Rounded).AddColumns("Address", "Status", "Serial", "Not before", "Not after", "Issuer", "Provider");
            table.AddRow(
                Markup.Escape(c.Address),
                c.Status.ToString(),
                c.SerialNumber,
                c.NotBefore.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                c.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Markup.Escape(CertificateView.CommonName(c.Issuer)),
                Markup.Escape(c.ProviderName));
            if (++count % rowsPerTable == 0)
            {
                ctx.Io.Console.Write(table);
                table = null;
            }
        }

        if (table is not null)
        {
            ctx.Io.Console.Write(table);
        }

        return count;
    }
}
