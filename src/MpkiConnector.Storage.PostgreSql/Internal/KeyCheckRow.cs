namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>The one row of <c>key_check</c>.</summary>
internal sealed class KeyCheckRow
{
    public const string SelectSql = "SELECT check_value AS CheckValue, source AS Source, recorded_at AS RecordedAt FROM key_check WHERE id = 1";

    public string CheckValue { get; set; } = "";

    public string Source { get; set; } = "";

    public DateTime RecordedAt { get; set; }

    public KeyEncryptionKeyCheck ToRecord() => new(CheckValue, Source, PgValues.ParseInstant(RecordedAt));
}
