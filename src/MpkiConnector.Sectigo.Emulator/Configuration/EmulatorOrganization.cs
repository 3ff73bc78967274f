namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>An organisation of a customer, with its onboarding state (issue 6).</summary>
public sealed class EmulatorOrganization
{
    /// <summary>The organisation id (the enrollment <c>orgId</c>).</summary>
    public int Id { get; set; }

    /// <summary>The organisation name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>Its departments.</summary>
    public List<EmulatorDepartment> Departments { get; set; } = [];

    /// <summary>Whether the organisation is validated; enroll fails otherwise.</summary>
    public bool Validated { get; set; } = true;

    /// <summary>"Client Certificates → Enable Web / REST API"; enroll fails otherwise (<c>clientCertsApiEnabled</c>).</summary>
    public bool ClientCertsApiEnabled { get; set; } = true;

    /// <summary>Profile ids available to this organisation; empty means every profile of the customer.</summary>
    public List<int> ProfileIds { get; set; } = [];

    /// <summary>True when the organisation has no client profile at all (-184).</summary>
    public bool NoProfiles { get; set; }
}
