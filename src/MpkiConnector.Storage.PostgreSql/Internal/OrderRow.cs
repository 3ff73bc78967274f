namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>A row of <c>orders</c>.</summary>
internal sealed class OrderRow
{
    public const string Columns =
        "id AS Id, address AS Address, kind AS Kind, provider_name AS ProviderName, key_id AS KeyId, csr_pem AS CsrPem, " +
        "state AS State, provider_order_id AS ProviderOrderId, certificate_type AS CertificateType, term_days AS TermDays, organization_id AS OrganizationId, " +
        "display_name AS DisplayName, renews_certificate_id AS RenewsCertificateId, attempts AS Attempts, " +
        "next_attempt_at AS NextAttemptAt, last_error AS LastError, created_at AS CreatedAt, updated_at AS UpdatedAt";

    public const string UpdateSql = """
        UPDATE orders SET
            address = @Address, kind = @Kind, provider_name = @ProviderName, key_id = @KeyId, csr_pem = @CsrPem,
            state = @State, provider_order_id = @ProviderOrderId, certificate_type = @CertificateType,
            term_days = @TermDays, organization_id = @OrganizationId, display_name = @DisplayName, renews_certificate_id = @RenewsCertificateId,
            attempts = @Attempts, next_attempt_at = @NextAttemptAt, last_error = @LastError, updated_at = @UpdatedAt
        WHERE id = @Id
        """;

    /// <summary>Inserts unless the address has an open order (any node): then no row is written.</summary>
    public const string InsertOpenSql = """
        INSERT INTO orders (id, address, kind, provider_name, key_id, csr_pem, state, provider_order_id,
            certificate_type, term_days, organization_id, display_name, renews_certificate_id, attempts, next_attempt_at, last_error,
            created_at, updated_at)
        VALUES (@Id, @Address, @Kind, @ProviderName, @KeyId, @CsrPem, @State, @ProviderOrderId,
            @CertificateType, @TermDays, @OrganizationId, @DisplayName, @RenewsCertificateId, @Attempts, @NextAttemptAt, @LastError,
            @CreatedAt, @UpdatedAt)
        ON CONFLICT (address) WHERE state IN ('intent', 'submitted') DO NOTHING
        """;

    public string Id { get; set; } = "";

    public string Address { get; set; } = "";

    public string Kind { get; set; } = "";

    public string ProviderName { get; set; } = "";

    public string KeyId { get; set; } = "";

    public string CsrPem { get; set; } = "";

    public string State { get; set; } = "";

    public string? ProviderOrderId { get; set; }

    public string? CertificateType { get; set; }

    public int? TermDays { get; set; }

    public string? OrganizationId { get; set; }

    public string? DisplayName { get; set; }

    public string? RenewsCertificateId { get; set; }

    public int Attempts { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static OrderRow From(OrderRecord order) => new()
    {
        Id = order.Id,
        Address = order.Address,
        Kind = PgValues.Name(order.Kind),
        ProviderName = order.ProviderName,
        KeyId = order.KeyId,
        CsrPem = order.CsrPem,
        State = PgValues.Name(order.State),
        ProviderOrderId = order.ProviderOrderId,
        CertificateType = order.CertificateType,
        TermDays = order.TermDays,
        OrganizationId = order.OrganizationId,
        DisplayName = order.DisplayName,
        RenewsCertificateId = order.RenewsCertificateId,
        Attempts = order.Attempts,
        NextAttemptAt = PgValues.Instant(order.NextAttemptAt),
        LastError = order.LastError,
        CreatedAt = PgValues.Instant(order.CreatedAt),
        UpdatedAt = PgValues.Instant(order.UpdatedAt),
    };

    public OrderRecord ToRecord() => new()
    {
        Id = Id,
        Address = Address,
        Kind = PgValues.Parse<MpkiCertificateKind>(Kind),
        ProviderName = ProviderName,
        KeyId = KeyId,
        CsrPem = CsrPem,
        State = PgValues.Parse<OrderState>(State),
        ProviderOrderId = ProviderOrderId,
        CertificateType = CertificateType,
        TermDays = TermDays,
        OrganizationId = OrganizationId,
        DisplayName = DisplayName,
        RenewsCertificateId = RenewsCertificateId,
        Attempts = Attempts,
        NextAttemptAt = PgValues.ParseInstant(NextAttemptAt),
        LastError = LastError,
        CreatedAt = PgValues.ParseInstant(CreatedAt),
        UpdatedAt = PgValues.ParseInstant(UpdatedAt),
    };
}
