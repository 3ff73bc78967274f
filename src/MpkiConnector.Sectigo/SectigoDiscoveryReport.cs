namespace MpkiConnector.Sectigo;

/// <summary>
/// What an SCM account offers and what this connector will use, for <c>mpki provider discover NAME [--json]</c>.
/// </summary>
/// <param name="AccountName">The configured name of the account.</param>
/// <param name="BaseUrl">The SCM base URL.</param>
/// <param name="CustomerUri">The customer URI.</param>
/// <param name="Login">The admin login (never the password).</param>
/// <param name="Account">The organisations (with departments), certificate types (terms, key types) and custom fields.</param>
public sealed record SectigoDiscoveryReport(
    string AccountName,
    Uri BaseUrl,
    string CustomerUri,
    string Login,
    MpkiAccount Account)
{
    /// <summary>The organisation id enrollments use (configured or discovered); <see langword="null"/> when it cannot be decided (see <see cref="Problems"/>).</summary>
    public string? OrganizationId { get; init; }

    /// <summary>The id of the certificate type enrollments use; <see langword="null"/> when it cannot be decided.</summary>
    public string? CertificateTypeId { get; init; }

    /// <summary>The name of the certificate type enrollments use.</summary>
    public string? CertificateTypeName { get; init; }

    /// <summary>The term in days enrollments use.</summary>
    public int? TermDays { get; init; }

    /// <summary>Device certificate types (<c>/api/device/v1/types</c>), when the instance serves them.</summary>
    public IReadOnlyList<MpkiCertificateType> DeviceCertificateTypes { get; init; } = [];

    /// <summary>What is wrong with the configuration against this account, each with its fix; empty when enrollments can go ahead.</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];
}
