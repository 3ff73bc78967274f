namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>A web-form account as stored (profile ids comma-separated).</summary>
internal sealed class WebFormAccountRow
{
    public long Id { get; set; }

    public long EndpointId { get; set; }

    public string CustomerUri { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public long OrganizationId { get; set; }

    public string ProfileIds { get; set; } = string.Empty;

    public string AccountAuthMethod { get; set; } = "NONE";

    public string? AccessCode { get; set; }

    public string? CsrGenerationMethod { get; set; }

    public IReadOnlyList<int> Profiles => [.. WebFormEndpointRow.Split(ProfileIds).Select(int.Parse)];

    public WebFormAccount ToRecord() =>
        new((int)Id, (int)EndpointId, Name, Type, (int)OrganizationId, Profiles, AccountAuthMethod, AccessCode);
}
