namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>
/// The schema, as forward-only numbered steps. Never edit a step that has shipped: add a new one.
/// Instants are UTC ISO-8601 text of fixed width (they sort as text); enums are lower-case text.
/// </summary>
internal static class SqliteMigrations
{
    public const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version INTEGER NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at TEXT NOT NULL
        );
        """;

    public static IReadOnlyList<SqliteMigration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE keys (
                id TEXT NOT NULL PRIMARY KEY,
                provider_kind TEXT NOT NULL,
                algorithm TEXT NOT NULL,
                encrypted_pkcs8 BLOB NULL,
                external_reference TEXT NULL,
                public_key_info BLOB NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX ix_keys_provider_kind ON keys (provider_kind);

            CREATE TABLE orders (
                id TEXT NOT NULL PRIMARY KEY,
                address TEXT NOT NULL,
                kind TEXT NOT NULL,
                provider_name TEXT NOT NULL,
                key_id TEXT NOT NULL,
                csr_pem TEXT NOT NULL,
                state TEXT NOT NULL,
                provider_order_id TEXT NULL,
                certificate_type TEXT NULL,
                term_days INTEGER NULL,
                display_name TEXT NULL,
                renews_certificate_id TEXT NULL,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at TEXT NULL,
                last_error TEXT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );
            CREATE INDEX ix_orders_address ON orders (address, created_at);
            CREATE UNIQUE INDEX ux_orders_one_open_per_address ON orders (address) WHERE state IN ('intent', 'submitted');

            CREATE TABLE certificates (
                id TEXT NOT NULL PRIMARY KEY,
                address TEXT NOT NULL,
                kind TEXT NOT NULL,
                serial_number TEXT NOT NULL,
                issuer TEXT NOT NULL,
                subject TEXT NOT NULL,
                thumbprint TEXT NOT NULL,
                not_before TEXT NOT NULL,
                not_after TEXT NOT NULL,
                der BLOB NOT NULL,
                chain_json TEXT NOT NULL,
                status TEXT NOT NULL,
                key_id TEXT NOT NULL,
                order_id TEXT NULL,
                provider_name TEXT NOT NULL,
                provider_order_id TEXT NULL,
                created_at TEXT NOT NULL
            );
            CREATE UNIQUE INDEX ux_certificates_thumbprint ON certificates (thumbprint);
            CREATE UNIQUE INDEX ux_certificates_one_active_per_address ON certificates (address) WHERE status = 'active';
            CREATE INDEX ix_certificates_address ON certificates (address, not_before);
            CREATE INDEX ix_certificates_not_after ON certificates (not_after);
            CREATE INDEX ix_certificates_serial_number ON certificates (serial_number);

            CREATE TABLE recipient_certificates (
                address TEXT NOT NULL,
                thumbprint TEXT NOT NULL,
                der BLOB NOT NULL,
                not_after TEXT NOT NULL,
                seen_at TEXT NOT NULL,
                PRIMARY KEY (address, thumbprint)
            );
            CREATE INDEX ix_recipient_certificates_address ON recipient_certificates (address, not_after);

            CREATE TABLE managed_domains (
                domain TEXT NOT NULL PRIMARY KEY,
                provider_name TEXT NOT NULL,
                settings_json TEXT NOT NULL,
                updated_at TEXT NOT NULL
            );

            CREATE TABLE senders (
                address TEXT NOT NULL PRIMARY KEY,
                first_seen TEXT NOT NULL,
                last_seen TEXT NOT NULL
            );

            CREATE TABLE audit_log (
                id INTEGER NOT NULL PRIMARY KEY,
                at TEXT NOT NULL,
                action TEXT NOT NULL,
                address TEXT NULL,
                detail TEXT NULL
            );
            CREATE INDEX ix_audit_log_at ON audit_log (at);
            CREATE INDEX ix_audit_log_address ON audit_log (address, at);
            """),
        new(2, "orders.organization_id", """
            ALTER TABLE orders ADD COLUMN organization_id TEXT NULL;
            """),
        new(3, "key_check: the key-encryption key the store is bound to", """
            CREATE TABLE key_check (
                id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
                check_value TEXT NOT NULL,
                source TEXT NOT NULL,
                recorded_at TEXT NOT NULL
            );
            """),
        new(4, "certificates by status and end of validity (renewal's due scan)", """
            CREATE INDEX ix_certificates_status_not_after ON certificates (status, not_after, id);
            """),
        new(5, "key pool: free pooled keys, and the order that claimed one", """
            ALTER TABLE keys ADD COLUMN pool_state TEXT NULL;
            ALTER TABLE keys ADD COLUMN claimed_by_order TEXT NULL;
            CREATE INDEX ix_keys_pool ON keys (provider_kind, algorithm, created_at) WHERE pool_state = 'free';
            """),
        new(6, "provider_trust: the roots pinned for a provider account at its first issuance", """
            CREATE TABLE provider_trust (
                provider_name TEXT NOT NULL PRIMARY KEY,
                roots_json TEXT NOT NULL,
                pinned_at TEXT NOT NULL
            );
            """),
        new(7, "orders and certificates by key (the sweep of keys nothing owns)", """
            CREATE INDEX ix_orders_key_id ON orders (key_id);
            CREATE INDEX ix_certificates_key_id ON certificates (key_id);
            """),
    ];
}
