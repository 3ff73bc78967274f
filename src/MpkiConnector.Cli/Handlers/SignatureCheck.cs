namespace MpkiConnector.Cli.Handlers;

/// <summary>One signature of a message, as <c>message verify</c> reports it.</summary>
internal sealed record SignatureCheck(string Signer, string Fingerprint, DateTime NotAfter, bool SignatureValid, bool ChainValid, string? Problem);
