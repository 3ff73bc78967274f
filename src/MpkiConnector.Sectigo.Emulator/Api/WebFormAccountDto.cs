namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>
/// A web-form account: <c>EnrollmentAccountListItem</c> (list) and <c>EndpointAccountItem</c> (details, with the 25.5
/// reference's <c>profileIds</c>, <c>accessCode</c>, <c>csrGenerationMethod</c>, <c>accountAuthMethod</c>).
/// </summary>
internal sealed record WebFormAccountDto(
    int Id,
    string Name,
    string Type,
    string IdToken,
    AccountOrganizationDto Organization,
    IReadOnlyList<int>? ProfileIds = null,
    string? AccessCode = null,
    string? CsrGenerationMethod = null,
    string? AccountAuthMethod = null);
