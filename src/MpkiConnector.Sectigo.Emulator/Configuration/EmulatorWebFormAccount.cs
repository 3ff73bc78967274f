namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>A seeded web-form account of an <see cref="EmulatorEnrollmentEndpoint"/>.</summary>
public sealed class EmulatorWebFormAccount
{
    /// <summary>The account name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The organisation certificates are issued for.</summary>
    public int OrganizationId { get; set; }

    /// <summary>The profiles (certificate types) a person may choose.</summary>
    public List<int> ProfileIds { get; set; } = [];

    /// <summary><c>ACCESS_CODE</c>, <c>IDP_ASSERTIONS_MAPPING</c> or <c>NONE</c> (default).</summary>
    public string AccountAuthMethod { get; set; } = "NONE";

    /// <summary>The access code (unique per customer) when the method is <c>ACCESS_CODE</c>.</summary>
    public string? AccessCode { get; set; }
}
