namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Body of <c>POST /api/domain/v1/{id}/delegation/approve</c> and <c>/reject</c>: <c>{orgId}</c>.</summary>
internal sealed class OrgIdRequest
{
    public int? OrgId { get; set; }
}
