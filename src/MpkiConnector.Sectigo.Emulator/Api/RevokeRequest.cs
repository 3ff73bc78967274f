using System.Text.Json;

namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Body of the revoke calls: <c>reasonCode</c> (number in the classic API, string in the Admin API), <c>reason</c>, <c>email</c>.</summary>
internal sealed class RevokeRequest
{
    public JsonElement? ReasonCode { get; set; }

    public string? Reason { get; set; }

    public string? Email { get; set; }
}
