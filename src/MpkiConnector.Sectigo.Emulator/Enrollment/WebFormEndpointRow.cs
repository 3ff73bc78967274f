namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>An enrollment endpoint as stored (lists comma-separated).</summary>
internal sealed class WebFormEndpointRow
{
    public long Id { get; set; }

    public string CustomerUri { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Type { get; set; } = string.Empty;

    public string UriExtension { get; set; } = string.Empty;

    public string WebFormAuthTypes { get; set; } = string.Empty;

    public string? EnrollmentHelp { get; set; }

    public string? EnrollmentLinkName { get; set; }

    public string? EnrollmentLinkAddress { get; set; }

    public string? ContactName { get; set; }

    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public string OrgDelegations { get; set; } = string.Empty;

    public IReadOnlyList<string> AuthTypes => Split(WebFormAuthTypes);

    public IReadOnlyList<int> OrgIds => [.. Split(OrgDelegations).Select(int.Parse)];

    public WebFormEndpoint ToRecord() => new((int)Id, Name, Type, UriExtension, AuthTypes, EnrollmentHelp);

    internal static IReadOnlyList<string> Split(string list) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
