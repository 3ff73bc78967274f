namespace MpkiConnector.Sectigo.Emulator;

/// <summary>One request the emulator answered (for tests that count calls, e.g. "does not hammer the CA").</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Path including a <c>/private</c> prefix, without the query.</param>
/// <param name="Status">Answered status (0 when the connection was dropped).</param>
/// <param name="CustomerUri">The <c>customerUri</c> header.</param>
/// <param name="Login">The <c>login</c> header.</param>
public sealed record EmulatorRequestRecord(string Method, string Path, int Status, string? CustomerUri, string? Login);
