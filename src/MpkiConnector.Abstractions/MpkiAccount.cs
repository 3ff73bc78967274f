namespace MpkiConnector;

/// <summary>What an MPKI account offers, as discovered after login.</summary>
/// <param name="Organizations">The organisations (with departments) the operator may enroll for.</param>
/// <param name="CertificateTypes">The certificate types (profiles) the account may issue.</param>
/// <param name="CustomFields">Custom fields of the account; mandatory ones must be sent at enrollment.</param>
public sealed record MpkiAccount(
    IReadOnlyList<MpkiOrganization> Organizations,
    IReadOnlyList<MpkiCertificateType> CertificateTypes,
    IReadOnlyList<MpkiCustomField> CustomFields);

/// <summary>An organisation of an MPKI account.</summary>
/// <param name="Id">The CA's organisation id (used as <c>orgId</c> at enrollment).</param>
/// <param name="Name">The organisation's name.</param>
/// <param name="Departments">Its departments; a department id may also be used to enroll.</param>
public sealed record MpkiOrganization(string Id, string Name, IReadOnlyList<MpkiDepartment> Departments);

/// <summary>A department of an organisation.</summary>
/// <param name="Id">The CA's department id.</param>
/// <param name="Name">The department's name.</param>
public sealed record MpkiDepartment(string Id, string Name);

/// <summary>A certificate type ("profile") the account may issue.</summary>
/// <param name="Id">The CA's id of the type.</param>
/// <param name="Name">The name an operator sees.</param>
/// <param name="TermsDays">The terms (validity in days) the type offers.</param>
/// <param name="KeyTypes">Key algorithms and sizes the type accepts, for example <c>RSA: [2048, 3072]</c>, <c>EC: [P-256]</c>.</param>
public sealed record MpkiCertificateType(
    string Id,
    string Name,
    IReadOnlyList<int> TermsDays,
    IReadOnlyDictionary<string, IReadOnlyList<string>> KeyTypes)
{
    /// <summary>A longer description, when the CA gives one.</summary>
    public string? Description { get; init; }
}

/// <summary>A custom field of an MPKI account.</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Mandatory">Whether an enrollment must carry it.</param>
public sealed record MpkiCustomField(string Name, bool Mandatory);
