namespace MpkiConnector.Sectigo.Emulator.Storage;

/// <summary>Filters of the certificate list.</summary>
internal sealed record OrderQuery(string CustomerUri)
{
    public string? Kind { get; init; } = "smime";

    public string? State { get; init; }

    public string? Email { get; init; }

    public string? Serial { get; init; }

    public long? Id { get; init; }

    public long? CertType { get; init; }

    public long? PersonId { get; init; }

    public string? CommonName { get; init; }

    public long? OrgId { get; init; }

    public int Position { get; init; }

    public int Size { get; init; } = 200;
}
