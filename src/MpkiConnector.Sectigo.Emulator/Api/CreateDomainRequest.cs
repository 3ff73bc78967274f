namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Body of <c>POST /api/domain/v1</c>: <c>name</c> (4..255), <c>description</c>, <c>active</c> (boolean in 25.5, a string in the OpenAPI document), delegations (at least one).</summary>
internal sealed class CreateDomainRequest
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public System.Text.Json.JsonElement? Active { get; set; }

    public List<DomainDelegationDto>? Delegations { get; set; }
}
