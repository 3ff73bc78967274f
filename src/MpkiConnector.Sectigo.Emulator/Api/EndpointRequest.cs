namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>
/// Create or update an enrollment endpoint: query parameters in the OpenAPI document (<c>name</c>, <c>endpointType</c>,
/// <c>uriExtension</c>, <c>config.*</c>, <c>orgDelegations</c>), a JSON body of the same shape in the 25.5 reference.
/// </summary>
internal sealed class EndpointRequest
{
    public string? Name { get; set; }

    public string? EndpointType { get; set; }

    public string? UriExtension { get; set; }

    public EndpointConfigDto? Config { get; set; }

    public List<int>? OrgDelegations { get; set; }
}
