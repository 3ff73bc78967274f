namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>A row of <c>keys</c>.</summary>
internal sealed class KeyRow
{
    public const string Columns =
        "id AS Id, provider_kind AS ProviderKind, algorithm AS Algorithm, encrypted_pkcs8 AS EncryptedPkcs8, " +
        "external_reference AS ExternalReference, public_key_info AS PublicKeyInfo, created_at AS CreatedAt";

    public const string InsertSql = """
        INSERT INTO keys (id, provider_kind, algorithm, encrypted_pkcs8, external_reference, public_key_info, created_at, pool_state)
        VALUES (@Id, @ProviderKind, @Algorithm, @EncryptedPkcs8, @ExternalReference, @PublicKeyInfo, @CreatedAt, @PoolState)
        ON CONFLICT (id) DO NOTHING
        """;

    public string Id { get; set; } = "";

    public string ProviderKind { get; set; } = "";

    public string Algorithm { get; set; } = "";

    public byte[]? EncryptedPkcs8 { get; set; }

    public string? ExternalReference { get; set; }

    public byte[] PublicKeyInfo { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    /// <summary><c>free</c> for a pooled key no order has claimed; <see langword="null"/> otherwise.</summary>
    public string? PoolState { get; set; }

    public static KeyRow From(StoredKey key, string? poolState = null) => new()
    {
        Id = key.Id,
        ProviderKind = key.ProviderKind,
        Algorithm = PgValues.Name(key.Algorithm),
        EncryptedPkcs8 = key.EncryptedPkcs8,
        ExternalReference = key.ExternalReference,
        PublicKeyInfo = key.PublicKeyInfo,
        CreatedAt = PgValues.Instant(key.CreatedAt),
        PoolState = poolState,
    };

    public StoredKey ToRecord() => new(
        Id,
        ProviderKind,
        PgValues.Parse<MpkiKeyAlgorithm>(Algorithm),
        EncryptedPkcs8,
        ExternalReference,
        PublicKeyInfo,
        PgValues.ParseInstant(CreatedAt));
}
