namespace MpkiConnector.Storage;

/// <summary>The key-encryption key a store is bound to, as the store records it.</summary>
/// <param name="CheckValue">A MAC of a constant under a key derived from the KEK (never the KEK), base64.</param>
/// <param name="Source">Where that KEK came from (<c>file:/path</c>, <c>env:NAME</c>), to name it in messages; no secret.</param>
/// <param name="RecordedAt">When it was recorded.</param>
public sealed record KeyEncryptionKeyCheck(string CheckValue, string Source, DateTimeOffset RecordedAt);
