namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>A row of <c>recipient_certificates</c>.</summary>
internal sealed class RecipientCertificateRow
{
    public const string Columns = "address AS Address, thumbprint AS Thumbprint, der AS Der, not_after AS NotAfter, seen_at AS SeenAt";

    public string Address { get; set; } = "";

    public string Thumbprint { get; set; } = "";

    public byte[] Der { get; set; } = [];

    public DateTime NotAfter { get; set; }

    public DateTime SeenAt { get; set; }

    public RecipientCertificate ToRecord() =>
        new(Address, Thumbprint, Der, PgValues.ParseInstant(NotAfter), PgValues.ParseInstant(SeenAt));
}
