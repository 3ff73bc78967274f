namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>An enrollment endpoint's configuration: <c>EnrollmentEndpointConfigInfo</c> (GET) and <c>EnrollmentEndpointConfigRequest</c> (PUT).</summary>
internal sealed class EndpointConfigDto
{
    public string? EnrollmentHelp { get; set; }

    public string? EnrollmentLinkName { get; set; }

    public string? EnrollmentLinkAddress { get; set; }

    public List<string>? WebFormAuthTypes { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }
}
