namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>The row of <c>key_check</c>.</summary>
internal sealed class KeyCheckRow
{
    public string CheckValue { get; set; } = "";

    public string Source { get; set; } = "";

    public string RecordedAt { get; set; } = "";

    public KeyEncryptionKeyCheck ToRecord() => new(CheckValue, Source, SqliteText.ParseInstant(RecordedAt));
}
