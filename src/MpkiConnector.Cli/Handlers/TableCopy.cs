namespace MpkiConnector.Cli.Handlers;

/// <summary>One table copied by <c>mpki store copy</c>: its rows and their checksum, the same in source and target.</summary>
internal sealed record TableCopy(string Table, long Rows, string Checksum);
