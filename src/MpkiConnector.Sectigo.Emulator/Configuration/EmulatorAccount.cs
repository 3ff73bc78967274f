namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>An admin account of a customer, with its onboarding state (issue 6).</summary>
public sealed class EmulatorAccount
{
    /// <summary>The login.</summary>
    public string Login { get; set; } = string.Empty;

    /// <summary>The password (header auth).</summary>
    public string Password { get; set; } = string.Empty;

    /// <summary>The OAuth2 client id of the admin's API key (Admin Operations API); null: the account has no API key.</summary>
    public string? ClientId { get; set; }

    /// <summary>The OAuth2 client secret of the admin's API key.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>A "Standard" admin that has not changed its initial password yet: every API call fails.</summary>
    public bool PasswordChangeRequired { get; set; }

    /// <summary>"API use only" admin type (informational).</summary>
    public bool ApiOnly { get; set; } = true;

    /// <summary>Whether the admin holds the client-certificate privilege (S/MIME and device endpoints).</summary>
    public bool ClientCertificatePrivilege { get; set; } = true;

    /// <summary>Whether the admin may create domains and delegate them (the domain-management privilege).</summary>
    public bool MayManageDomains { get; set; } = true;

    /// <summary>Organisations the admin may manage; empty means all of the customer's.</summary>
    public List<int> OrganizationIds { get; set; } = [];

    /// <summary>Behaviour for this account; when null the global behaviour applies.</summary>
    public EmulatorBehavior? Behavior { get; set; }
}
