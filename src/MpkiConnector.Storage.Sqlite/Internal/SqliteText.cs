using System.Globalization;
using System.Text.Json;

namespace MpkiConnector.Storage.Sqlite.Internal;

/// <summary>How values are written as text: UTC ISO-8601 instants of fixed width (so they sort), enums in lower case.</summary>
internal static class SqliteText
{
    private const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Instant(DateTimeOffset value) =>
        value.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static string? Instant(DateTimeOffset? value) => value is { } v ? Instant(v) : null;

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseInstant(string? text, bool nullable) =>
        nullable && text is null ? null : ParseInstant(text!);

    public static string Chain(IReadOnlyList<byte[]> chain) =>
        JsonSerializer.Serialize(chain.Select(Convert.ToBase64String).ToArray());

    public static IReadOnlyList<byte[]> ParseChain(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        var items = JsonSerializer.Deserialize<string[]>(json) ?? [];
        return items.Select(Convert.FromBase64String).ToArray();
    }

    public static string State(OrderState state) => state switch
    {
        OrderState.Intent => "intent",
        OrderState.Submitted => "submitted",
        OrderState.Issued => "issued",
        OrderState.Rejected => "rejected",
        OrderState.Failed => "failed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown order state."),
    };

    public static OrderState ParseState(string text) => text switch
    {
        "intent" => OrderState.Intent,
        "submitted" => OrderState.Submitted,
        "issued" => OrderState.Issued,
        "rejected" => OrderState.Rejected,
        "failed" => OrderState.Failed,
        _ => throw new InvalidDataException($"Unknown order state '{text}' in the database."),
    };

    public static string Status(CertificateStatus status) => status switch
    {
        CertificateStatus.Active => "active",
        CertificateStatus.Superseded => "superseded",
        CertificateStatus.Revoked => "revoked",
        CertificateStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown certificate status."),
    };

    public static CertificateStatus ParseStatus(string text) => text switch
    {
        "active" => CertificateStatus.Active,
        "superseded" => CertificateStatus.Superseded,
        "revoked" => CertificateStatus.Revoked,
        "expired" => CertificateStatus.Expired,
        _ => throw new InvalidDataException($"Unknown certificate status '{text}' in the database."),
    };

    public static string Kind(MpkiCertificateKind kind) => kind switch
    {
        MpkiCertificateKind.Person => "person",
        MpkiCertificateKind.Device => "device",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown certificate kind."),
    };

    public static MpkiCertificateKind ParseKind(string text) => text switch
    {
        "person" => MpkiCertificateKind.Person,
        "device" => MpkiCertificateKind.Device,
        _ => throw new InvalidDataException($"Unknown certificate kind '{text}' in the database."),
    };

    public static string Algorithm(MpkiKeyAlgorithm algorithm) => algorithm switch
    {
        MpkiKeyAlgorithm.Rsa2048 => "rsa2048",
        MpkiKeyAlgorithm.Rsa3072 => "rsa3072",
        MpkiKeyAlgorithm.Rsa4096 => "rsa4096",
        MpkiKeyAlgorithm.EcdsaP256 => "ecdsap256",
        MpkiKeyAlgorithm.EcdsaP384 => "ecdsap384",
        MpkiKeyAlgorithm.EcdsaP521 => "ecdsap521",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm."),
    };

    public static MpkiKeyAlgorithm ParseAlgorithm(string text) => text switch
    {
        "rsa2048" => MpkiKeyAlgorithm.Rsa2048,
        "rsa3072" => MpkiKeyAlgorithm.Rsa3072,
        "rsa4096" => MpkiKeyAlgorithm.Rsa4096,
        "ecdsap256" => MpkiKeyAlgorithm.EcdsaP256,
        "ecdsap384" => MpkiKeyAlgorithm.EcdsaP384,
        "ecdsap521" => MpkiKeyAlgorithm.EcdsaP521,
        _ => throw new InvalidDataException($"Unknown key algorithm '{text}' in the database."),
    };
}
