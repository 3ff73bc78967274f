namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>A web-form account of an enrollment endpoint (<c>/api/endpoint/v1/{eeId}/account</c>).</summary>
/// <param name="Id">The account id.</param>
/// <param name="EndpointId">The endpoint it belongs to.</param>
/// <param name="Name">The account name.</param>
/// <param name="Type"><c>SMIME_WEB_FORM</c> or <c>DEVICE_WEB_FORM</c>.</param>
/// <param name="OrganizationId">The organisation certificates are issued for.</param>
/// <param name="ProfileIds">The emulator's certificate types (profiles) a person may choose.</param>
/// <param name="AccountAuthMethod"><c>ACCESS_CODE</c>, <c>IDP_ASSERTIONS_MAPPING</c> or <c>NONE</c>.</param>
/// <param name="AccessCode">The access code (unique per customer), when the method is <c>ACCESS_CODE</c>.</param>
internal sealed record WebFormAccount(int Id, int EndpointId, string Name, string Type, int OrganizationId,
    IReadOnlyList<int> ProfileIds, string AccountAuthMethod, string? AccessCode);
