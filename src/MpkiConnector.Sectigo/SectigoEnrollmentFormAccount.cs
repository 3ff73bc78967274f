namespace MpkiConnector.Sectigo;

/// <summary>A web-form account of an enrollment form (<c>GET /api/person/v2/{id}/invitation/endpoint/{endpointId}/account</c>).</summary>
/// <param name="Id">The account id (the <c>accountId</c> of an invitation).</param>
/// <param name="Name">The account name.</param>
/// <param name="Profiles">The names of the certificate profiles it offers.</param>
public sealed record SectigoEnrollmentFormAccount(int Id, string Name, IReadOnlyList<string>? Profiles);
