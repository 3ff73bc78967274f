namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>The delegation of a domain to an organisation or department.</summary>
public sealed class EmulatorDomainDelegation
{
    /// <summary>The organisation or department id.</summary>
    public int OrgId { get; set; }

    /// <summary>Certificate types delegated, e.g. <c>SMIME</c>, <c>SSL</c>.</summary>
    public List<string> CertTypes { get; set; } = ["SMIME"];

    /// <summary>Delegation status: <c>ACTIVE</c> counts; <c>REQUESTED</c> (awaiting approval) does not. UNCERTAIN values.</summary>
    public string Status { get; set; } = "ACTIVE";
}
