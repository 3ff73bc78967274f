namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>A row of <c>audit_log</c>.</summary>
internal sealed class AuditRow
{
    public const string Columns = "at AS At, action AS Action, address AS Address, detail AS Detail";

    public string At { get; set; } = "";

    public string Action { get; set; } = "";

    public string? Address { get; set; }

    public string? Detail { get; set; }

    public AuditEntry ToRecord() => new(SqliteText.ParseInstant(At), Action, Address, Detail);
}
