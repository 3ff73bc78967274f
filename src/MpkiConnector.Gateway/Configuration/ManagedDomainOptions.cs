namespace MpkiConnector.Gateway.Configuration;

/// <summary>A mail domain whose senders get certificates from one provider account.</summary>
public sealed class ManagedDomainOptions
{
    /// <summary>The domain (<c>example.com</c>; IDN allowed, compared in its ASCII form). Subdomains are not included.</summary>
    public string? Domain { get; set; }

    /// <summary>The name of the provider account (a key of <see cref="GatewayOptions.Providers"/>).</summary>
    public string? Provider { get; set; }

    /// <summary>The certificate type (id or name); unset means the account's configured type.</summary>
    public string? CertificateType { get; set; }

    /// <summary>The term in days; unset means the account's configured term.</summary>
    public int? TermDays { get; set; }

    /// <summary>The organisation (or department) id, overriding the account's.</summary>
    public string? OrganizationId { get; set; }

    /// <summary>The key algorithm for new keys (default RSA-3072; encryption to a recipient needs RSA).</summary>
    public MpkiKeyAlgorithm KeyAlgorithm { get; set; } = MpkiKeyAlgorithm.Rsa3072;

    /// <summary>Whether a first-seen sender gets a certificate automatically (default true); otherwise only renewal and manual issuance.</summary>
    public bool AutoIssue { get; set; } = true;

    /// <summary>Renewal overlap in days for this domain, overriding <see cref="MpkiConnector.Renewal.RenewalOptions.Overlap"/>.</summary>
    public int? OverlapDays { get; set; }
}
