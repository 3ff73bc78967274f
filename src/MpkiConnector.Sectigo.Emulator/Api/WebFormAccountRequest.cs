namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>Body of create/update web-form account: <c>SmimeWebFormAccountRequest</c> / <c>DeviceWebFormAccountRequest</c>.</summary>
internal sealed class WebFormAccountRequest
{
    public string? Name { get; set; }

    public string? Type { get; set; }

    public int? OrganizationId { get; set; }

    public List<int>? ProfileIds { get; set; }

    public string? CsrGenerationMethod { get; set; }

    public string? AccountAuthMethod { get; set; }

    public string? AccessCode { get; set; }
}
