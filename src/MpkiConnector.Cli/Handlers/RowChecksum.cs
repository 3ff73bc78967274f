using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MpkiConnector.Cli.Handlers;

/// <summary>The sum (mod 2^128) of each row's SHA-256 over its canonical values: independent of the row order, so either engine may read in its own.</summary>
internal sealed class RowChecksum
{
    private UInt128 _sum;
    private long _rows;

    public TableSum Result => new(_rows, _sum.ToString("X32", CultureInfo.InvariantCulture));

    public void Add(object?[] values)
    {
        var text = new StringBuilder();
        foreach (var value in values)
        {
            text.Append(value switch
            {
                null => "\u0000",
                DateTime instant => instant.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
                byte[] bytes => System.Convert.ToHexString(bytes),
                IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            }).Append('\u001f');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        _sum += new UInt128(BitConverter.ToUInt64(hash, 0), BitConverter.ToUInt64(hash, 8));
        _rows++;
    }
}
