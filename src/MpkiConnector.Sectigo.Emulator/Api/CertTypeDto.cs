namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>The <c>certType</c> object of the certificate details.</summary>
internal sealed record CertTypeDto(
    int Id, string Name, string Description, IReadOnlyList<int> Terms, IReadOnlyDictionary<string, List<string>> KeyTypes, bool UseSecondaryOrgName);
