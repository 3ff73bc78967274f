namespace MpkiConnector.Sectigo;

/// <summary>A web-form enrollment endpoint a person can be invited to (<c>GET /api/person/v2/{id}/invitation/endpoint</c>).</summary>
/// <param name="Id">The endpoint id.</param>
/// <param name="Name">The endpoint (form) name.</param>
/// <param name="Url">The form's address, when SCM gives it.</param>
public sealed record SectigoEnrollmentForm(int Id, string Name, string? Url);
