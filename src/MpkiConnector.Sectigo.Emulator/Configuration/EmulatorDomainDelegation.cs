namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>The delegation of a domain to an organisation or department.</summary>
public sealed class EmulatorDomainDelegation
{
    /// <summary>The organisation or department id.</summary>
    public int OrgId { get; set; }

    /// <summary>Certificate types delegated, e.g. <c>SMIME</c>, <c>SSL</c>.</summary>
    public List<string> CertTypes { get; set; } = ["SMIME"];

    /// <summary>Domain certificate request privileges: DOMAIN, SUBDOMAIN, WILDCARD_1ST_LEVEL, WILDCARD_2ND_LEVEL.</summary>
    public List<string> DomainCertificateRequestPrivileges { get; set; } = ["DOMAIN", "SUBDOMAIN"];

    /// <summary>Delegation status (both documents): <c>ACTIVE</c> counts; <c>REQUESTED</c> (awaiting approval) does not.</summary>
    public string Status { get; set; } = "ACTIVE";
}
