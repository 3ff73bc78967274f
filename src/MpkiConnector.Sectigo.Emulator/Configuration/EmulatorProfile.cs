namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>A client-certificate profile ("certificate type") as <c>/api/smime/v1/types</c> lists it.</summary>
public sealed class EmulatorProfile
{
    /// <summary>The profile id (the enroll field <c>certType</c>).</summary>
    public int Id { get; set; }

    /// <summary>The name an operator sees.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A description.</summary>
    public string Description { get; set; } = string.Empty;

    /// <summary>Allowed terms in days.</summary>
    public List<int> Terms { get; set; } = [365];

    /// <summary>Allowed key types, e.g. <c>{"RSA": ["2048","3072","4096"], "EC": ["P256","P384"]}</c>.</summary>
    public Dictionary<string, List<string>> KeyTypes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>SCM's <c>useSecondaryOrgName</c>.</summary>
    public bool UseSecondaryOrgName { get; set; }

    /// <summary>When set (e.g. <c>HIGH</c>), the person must have this validation type before enroll.</summary>
    public string? RequiredValidationType { get; set; }

    /// <summary><c>smime</c> (default) or <c>device</c>: which enroll endpoint accepts it.</summary>
    public string Kind { get; set; } = "smime";
}
