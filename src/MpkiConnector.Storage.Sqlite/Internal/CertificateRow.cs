namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>A row of <c>certificates</c>.</summary>
internal sealed class CertificateRow
{
    public const string Columns =
        "id AS Id, address AS Address, kind AS Kind, serial_number AS SerialNumber, issuer AS Issuer, subject AS Subject, " +
        "thumbprint AS Thumbprint, not_before AS NotBefore, not_after AS NotAfter, der AS Der, chain_json AS ChainJson, " +
        "status AS Status, key_id AS KeyId, order_id AS OrderId, provider_name AS ProviderName, " +
        "provider_order_id AS ProviderOrderId, created_at AS CreatedAt";

    public const string InsertSql = """
        INSERT INTO certificates (id, address, kind, serial_number, issuer, subject, thumbprint, not_before, not_after,
            der, chain_json, status, key_id, order_id, provider_name, provider_order_id, created_at)
        VALUES (@Id, @Address, @Kind, @SerialNumber, @Issuer, @Subject, @Thumbprint, @NotBefore, @NotAfter,
            @Der, @ChainJson, @Status, @KeyId, @OrderId, @ProviderName, @ProviderOrderId, @CreatedAt)
        """;

    public string Id { get; set; } = "";

    public string Address { get; set; } = "";

    public string Kind { get; set; } = "";

    public string SerialNumber { get; set; } = "";

    public string Issuer { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Thumbprint { get; set; } = "";

    public string NotBefore { get; set; } = "";

    public string NotAfter { get; set; } = "";

    public byte[] Der { get; set; } = [];

    public string ChainJson { get; set; } = "[]";

    public string Status { get; set; } = "";

    public string KeyId { get; set; } = "";

    public string? OrderId { get; set; }

    public string ProviderName { get; set; } = "";

    public string? ProviderOrderId { get; set; }

    public string CreatedAt { get; set; } = "";

    public static CertificateRow From(CertificateRecord certificate) => new()
    {
        Id = certificate.Id,
        Address = certificate.Address,
        Kind = SqliteText.Kind(certificate.Kind),
        SerialNumber = certificate.SerialNumber.ToUpperInvariant(),
        Issuer = certificate.Issuer,
        Subject = certificate.Subject,
        Thumbprint = certificate.Thumbprint,
        NotBefore = SqliteText.Instant(certificate.NotBefore),
        NotAfter = SqliteText.Instant(certificate.NotAfter),
        Der = certificate.Der,
        ChainJson = SqliteText.Chain(certificate.Chain ?? []),
        Status = SqliteText.Status(certificate.Status),
        KeyId = certificate.KeyId,
        OrderId = certificate.OrderId,
        ProviderName = certificate.ProviderName,
        ProviderOrderId = certificate.ProviderOrderId,
        CreatedAt = SqliteText.Instant(certificate.CreatedAt),
    };

    public CertificateRecord ToRecord() => new()
    {
        Id = Id,
        Address = Address,
        Kind = SqliteText.ParseKind(Kind),
        SerialNumber = SerialNumber,
        Issuer = Issuer,
        Subject = Subject,
        Thumbprint = Thumbprint,
        NotBefore = SqliteText.ParseInstant(NotBefore),
        NotAfter = SqliteText.ParseInstant(NotAfter),
        Der = Der,
        Chain = SqliteText.ParseChain(ChainJson),
        Status = SqliteText.ParseStatus(Status),
        KeyId = KeyId,
        OrderId = OrderId,
        ProviderName = ProviderName,
        ProviderOrderId = ProviderOrderId,
        CreatedAt = SqliteText.ParseInstant(CreatedAt),
    };
}
