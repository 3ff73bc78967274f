namespace MpkiConnector.Cli.Handlers;

/// <summary>A table's row count and checksum (see <see cref="RowChecksum"/>).</summary>
internal readonly record struct TableSum(long Rows, string Checksum);
