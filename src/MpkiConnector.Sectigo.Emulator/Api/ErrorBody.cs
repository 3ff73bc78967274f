namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>SCM's error body.</summary>
internal sealed record ErrorBody(int Code, string Description);
