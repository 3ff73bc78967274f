namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>A domain of a customer with its delegations and validation (DCV) state.</summary>
public sealed class EmulatorDomain
{
    /// <summary>The domain id.</summary>
    public int Id { get; set; }

    /// <summary>The domain name; <c>*.name</c> also covers sub-domains.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>A description (optional).</summary>
    public string? Description { get; set; }

    /// <summary>Whether the domain is active (state ACTIVE; false: SUSPENDED).</summary>
    public bool Active { get; set; } = true;

    /// <summary>Whether DCV completed.</summary>
    public bool Validated { get; set; } = true;

    /// <summary>Delegations to organisations.</summary>
    public List<EmulatorDomainDelegation> Delegations { get; set; } = [];
}
