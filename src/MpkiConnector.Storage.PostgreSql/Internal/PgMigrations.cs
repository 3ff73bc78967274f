namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>
/// The schema, as forward-only numbered steps. Never edit a step that has shipped: add a new one.
/// The tables and names follow the SQLite store's; instants are <c>timestamptz</c>, blobs <c>bytea</c>, enums
/// lower-case text (the same words as in SQLite), and the columns that are sorted on use the "C" collation so that
/// every node (whatever its locale) lists in the same order as SQLite does.
/// </summary>
internal static class PgMigrations
{
    /// <summary>Serialises migrations of nodes that start at once (a transaction-scoped advisory lock).</summary>
    public const long MigrationLockKey = 0x6D706B69_00000001; // "mpki", 1

    public const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
            version integer NOT NULL PRIMARY KEY,
            name text NOT NULL,
            applied_at timestamptz NOT NULL
        );
        """;

    public static IReadOnlyList<PgMigration> All { get; } =
    [
        new(1, "initial schema", """
            CREATE TABLE keys (
                id text COLLATE "C" NOT NULL PRIMARY KEY,
                provider_kind text NOT NULL,
                algorithm text NOT NULL,
                encrypted_pkcs8 bytea NULL,
                external_reference text NULL,
                public_key_info bytea NOT NULL,
                created_at timestamptz NOT NULL,
                CONSTRAINT ck_keys_sealed_or_reference CHECK (encrypted_pkcs8 IS NOT NULL OR external_reference IS NOT NULL)
            );
            CREATE INDEX ix_keys_provider_kind ON keys (provider_kind, created_at);

            CREATE TABLE orders (
                id text COLLATE "C" NOT NULL PRIMARY KEY,
                address text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                provider_name text NOT NULL,
                key_id text NOT NULL,
                csr_pem text NOT NULL,
                state text NOT NULL,
                provider_order_id text NULL,
                certificate_type text NULL,
                term_days integer NULL,
                organization_id text NULL,
                display_name text NULL,
                renews_certificate_id text NULL,
                attempts integer NOT NULL DEFAULT 0,
                next_attempt_at timestamptz NULL,
                last_error text NULL,
                created_at timestamptz NOT NULL,
                updated_at timestamptz NOT NULL,
                CONSTRAINT ck_orders_state CHECK (state IN ('intent', 'submitted', 'issued', 'rejected', 'failed'))
            );
            CREATE INDEX ix_orders_address ON orders (address, created_at);
            CREATE UNIQUE INDEX ux_orders_one_open_per_address ON orders (address) WHERE state IN ('intent', 'submitted');

            CREATE TABLE certificates (
                id text COLLATE "C" NOT NULL PRIMARY KEY,
                address text COLLATE "C" NOT NULL,
                kind text NOT NULL,
                serial_number text NOT NULL,
                issuer text NOT NULL,
                subject text NOT NULL,
                thumbprint text NOT NULL,
                not_before timestamptz NOT NULL,
                not_after timestamptz NOT NULL,
                der bytea NOT NULL,
                chain_json text NOT NULL,
                status text NOT NULL,
                key_id text NOT NULL,
                order_id text NULL,
                provider_name text NOT NULL,
                provider_order_id text NULL,
                created_at timestamptz NOT NULL,
                CONSTRAINT ck_certificates_status CHECK (status IN ('active', 'superseded', 'revoked', 'expired'))
            );
            CREATE UNIQUE INDEX ux_certificates_thumbprint ON certificates (thumbprint);
            CREATE UNIQUE INDEX ux_certificates_one_active_per_address ON certificates (address) WHERE status = 'active';
            CREATE INDEX ix_certificates_address ON certificates (address, not_before);
            CREATE INDEX ix_certificates_not_after ON certificates (not_after);
            CREATE INDEX ix_certificates_serial_number ON certificates (serial_number);

            CREATE TABLE recipient_certificates (
                address text COLLATE "C" NOT NULL,
                thumbprint text COLLATE "C" NOT NULL,
                der bytea NOT NULL,
                not_after timestamptz NOT NULL,
                seen_at timestamptz NOT NULL,
                PRIMARY KEY (address, thumbprint)
            );
            CREATE INDEX ix_recipient_certificates_address ON recipient_certificates (address, not_after);

            CREATE TABLE managed_domains (
                domain text COLLATE "C" NOT NULL PRIMARY KEY,
                provider_name text NOT NULL,
                settings_json text NOT NULL,
                updated_at timestamptz NOT NULL
            );

            CREATE TABLE senders (
                address text COLLATE "C" NOT NULL PRIMARY KEY,
                first_seen timestamptz NOT NULL,
                last_seen timestamptz NOT NULL
            );

            CREATE TABLE audit_log (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at timestamptz NOT NULL,
                action text NOT NULL,
                address text COLLATE "C" NULL,
                detail text NULL
            );
            CREATE INDEX ix_audit_log_at ON audit_log (at);
            CREATE INDEX ix_audit_log_address ON audit_log (address, at);
            """),
        new(2, "key_check: the key-encryption key the store is bound to", """
            CREATE TABLE key_check (
                id integer NOT NULL PRIMARY KEY CHECK (id = 1),
                check_value text NOT NULL,
                source text NOT NULL,
                recorded_at timestamptz NOT NULL
            );
            """),
        new(3, "renewal's due scan by status and end of validity; key pool", """
            CREATE INDEX ix_certificates_status_not_after ON certificates (status, not_after, id);
            ALTER TABLE keys ADD COLUMN pool_state text NULL;
            ALTER TABLE keys ADD COLUMN claimed_by_order text NULL;
            CREATE INDEX ix_keys_pool ON keys (provider_kind, algorithm, created_at, id) WHERE pool_state = 'free';
            """),
        new(4, "provider_trust: the roots pinned for a provider account at its first issuance (3 is the key pool's)", """
            CREATE TABLE provider_trust (
                provider_name text COLLATE "C" NOT NULL PRIMARY KEY,
                roots_json text NOT NULL,
                pinned_at timestamptz NOT NULL
            );
            """),
        new(5, "orders and certificates by key (the sweep of keys nothing owns)", """
            CREATE INDEX ix_orders_key_id ON orders (key_id);
            CREATE INDEX ix_certificates_key_id ON certificates (key_id);
            """),
    ];
}
