namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>A row of <c>audit_log</c>.</summary>
internal sealed class AuditRow
{
    public const string Columns = "at AS At, action AS Action, address AS Address, detail AS Detail";

    public DateTime At { get; set; }

    public string Action { get; set; } = "";

    public string? Address { get; set; }

    public string? Detail { get; set; }

    public AuditEntry ToRecord() => new(PgValues.ParseInstant(At), Action, Address, Detail);
}
