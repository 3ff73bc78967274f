using System.Text.Json;

namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>
/// How values are written: instants as UTC <see cref="DateTime"/> (<c>timestamptz</c>, microsecond precision), enums
/// as their lower-case names (the words the SQLite store uses), certificate chains as a JSON array of base64 strings.
/// </summary>
internal static class PgValues
{
    public static DateTime Instant(DateTimeOffset value) => value.UtcDateTime;

    public static DateTime? Instant(DateTimeOffset? value) => value?.UtcDateTime;

    public static DateTimeOffset ParseInstant(DateTime value) =>
        new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? ParseInstant(DateTime? value) => value is { } v ? ParseInstant(v) : null;

    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Enum.IsDefined(value)
            ? value.ToString().ToLowerInvariant()
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Unknown {typeof(TEnum).Name}.");

    public static TEnum Parse<TEnum>(string text)
        where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) && !char.IsAsciiDigit(text[0])
            ? value
            : throw new InvalidDataException($"Unknown {typeof(TEnum).Name} '{text}' in the database.");

    public static string Chain(IReadOnlyList<byte[]> chain) =>
        JsonSerializer.Serialize(chain.Select(Convert.ToBase64String).ToArray());

    public static IReadOnlyList<byte[]> ParseChain(string? json) =>
        string.IsNullOrEmpty(json) ? [] : (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(Convert.FromBase64String).ToArray();
}
