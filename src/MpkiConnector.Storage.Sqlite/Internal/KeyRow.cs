namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>A row of <c>keys</c>.</summary>
internal sealed class KeyRow
{
    public const string Columns =
        "id AS Id, provider_kind AS ProviderKind, algorithm AS Algorithm, encrypted_pkcs8 AS EncryptedPkcs8, " +
        "external_reference AS ExternalReference, public_key_info AS PublicKeyInfo, created_at AS CreatedAt";

    public string Id { get; set; } = "";

    public string ProviderKind { get; set; } = "";

    public string Algorithm { get; set; } = "";

    public byte[]? EncryptedPkcs8 { get; set; }

    public string? ExternalReference { get; set; }

    public byte[] PublicKeyInfo { get; set; } = [];

    public string CreatedAt { get; set; } = "";

    public StoredKey ToRecord() => new(
        Id,
        ProviderKind,
        SqliteText.ParseAlgorithm(Algorithm),
        EncryptedPkcs8,
        ExternalReference,
        PublicKeyInfo,
        SqliteText.ParseInstant(CreatedAt));
}
