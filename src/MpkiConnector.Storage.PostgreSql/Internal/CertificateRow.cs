namespace MpkiConnector.Storage.PostgreSql.Internal;

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

    public DateTime NotBefore { get; set; }

    public DateTime NotAfter { get; set; }

    public byte[] Der { get; set; } = [];

    public string ChainJson { get; set; } = "[]";

    public string Status { get; set; } = "";

    public string KeyId { get; set; } = "";

    public string? OrderId { get; set; }

    public string ProviderName { get; set; } = "";

    public string? ProviderOrderId { get; set; }

    public DateTime CreatedAt { get; set; }

    public static CertificateRow From(CertificateRecord certificate) => new()
    {
        Id = certificate.Id,
        Address = certificate.Address,
        Kind = PgValues.Name(certificate.Kind),
        SerialNumber = certificate.SerialNumber.ToUpperInvariant(),
        Issuer = certificate.Issuer,
        Subject = certificate.Subject,
        Thumbprint = certificate.Thumbprint,
        NotBefore = PgValues.Instant(certificate.NotBefore),
        NotAfter = PgValues.Instant(certificate.NotAfter),
        Der = certificate.Der,
        ChainJson = PgValues.Chain(certificate.Chain ?? []),
        Status = PgValues.Name(certificate.Status),
        KeyId = certificate.KeyId,
        OrderId = certificate.OrderId,
        ProviderName = certificate.ProviderName,
        ProviderOrderId = certificate.ProviderOrderId,
        CreatedAt = PgValues.Instant(certificate.CreatedAt),
    };

    public CertificateRecord ToRecord() => new()
    {
        Id = Id,
        Address = Address,
        Kind = PgValues.Parse<MpkiCertificateKind>(Kind),
        SerialNumber = SerialNumber,
        Issuer = Issuer,
        Subject = Subject,
        Thumbprint = Thumbprint,
        NotBefore = PgValues.ParseInstant(NotBefore),
        NotAfter = PgValues.ParseInstant(NotAfter),
        Der = Der,
        Chain = PgValues.ParseChain(ChainJson),
        Status = PgValues.Parse<CertificateStatus>(Status),
        KeyId = KeyId,
        OrderId = OrderId,
        ProviderName = ProviderName,
        ProviderOrderId = ProviderOrderId,
        CreatedAt = PgValues.ParseInstant(CreatedAt),
    };
}
