namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>A customer (tenant) named by its customer URI.</summary>
public sealed class EmulatorCustomer
{
    /// <summary>The customer URI (the <c>customerUri</c> header).</summary>
    public string CustomerUri { get; set; } = string.Empty;

    /// <summary>Admin accounts.</summary>
    public List<EmulatorAccount> Accounts { get; set; } = [];

    /// <summary>Organisations and their departments.</summary>
    public List<EmulatorOrganization> Organizations { get; set; } = [];

    /// <summary>Client-certificate profiles.</summary>
    public List<EmulatorProfile> Profiles { get; set; } = [];

    /// <summary>Custom fields.</summary>
    public List<EmulatorCustomField> CustomFields { get; set; } = [];

    /// <summary>Domains; when empty, enroll does not check the e-mail domain.</summary>
    public List<EmulatorDomain> Domains { get; set; } = [];

    /// <summary>Web-form enrollment endpoints with their accounts, created at start when missing.</summary>
    public List<EmulatorEnrollmentEndpoint> EnrollmentEndpoints { get; set; } = [];

    /// <summary>The organisation with this id, or the one holding a department with this id; null when neither exists.</summary>
    public EmulatorOrganization? FindOrganization(int orgId) =>
        Organizations.FirstOrDefault(o => o.Id == orgId) ?? Organizations.FirstOrDefault(o => o.Departments.Any(d => d.Id == orgId));
}
