using System.Globalization;
using Microsoft.Extensions.Logging;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>
/// An account at Sectigo Certificate Manager (SCM), over its classic REST API: discovery, S/MIME and device
/// enrollment, collect, revoke, renew, list, person records, and the account check (<see cref="IMpkiAccountCheck"/>).
/// Created by <see cref="SectigoMpkiProviderFactory"/> (types <c>sectigo</c> and <c>emulator</c>) or by
/// <see cref="SectigoMpkiConnectorBuilderExtensions.AddSectigo(DependencyInjection.MpkiConnectorBuilder, string, Action{SectigoOptions})"/>.
/// The parts: enrollment (<c>.Enrollment.cs</c>), finding an order (<c>.FindOrder.cs</c>), collect and revoke
/// (<c>.Collection.cs</c>), the certificate list (<c>.Listing.cs</c>).
/// </summary>
public sealed partial class SectigoMpkiProvider : IMpkiProvider, IMpkiAccountCheck, IDisposable
{
    private readonly SectigoApiClient _client;
    private readonly SectigoAccountResolver _resolver;
    private readonly SectigoNameSplitter _names;
    private readonly SectigoPersonRecords _persons;
    private readonly ILogger _logger;
    private readonly IDisposable? _owner;

    internal SectigoMpkiProvider(string name, SectigoApiClient client, ILogger logger, TimeProvider time, IDisposable? owner = null)
    {
        Name = name;
        _client = client;
        _logger = logger;
        _owner = owner;
        _resolver = new SectigoAccountResolver(client, time);
        _names = new SectigoNameSplitter(client.Options.FullNamePattern, client.Options.MissingDisplayName);
        _persons = new SectigoPersonRecords(client, logger);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public MpkiCapabilities Capabilities =>
        MpkiCapabilities.Revoke | MpkiCapabilities.FindOrder | MpkiCapabilities.PersonRecords | MpkiCapabilities.DeviceCertificates;

    internal SectigoApiClient Client => _client;

    internal SectigoAccountResolver Resolver => _resolver;

    /// <summary>The marker put into an order's <c>comments</c> so that <see cref="FindOrderAsync"/> can recognise it.</summary>
    public static string CorrelationMarker(string correlationId) => $"[mpki-correlation:{correlationId}]";

    /// <inheritdoc />
    public async Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _resolver.GetAsync(true, cancellationToken).ConfigureAwait(false);
        SectigoLog.Discovered(_logger, Name, snapshot.Organizations.Count, snapshot.Types.Count);
        return ToAccount(snapshot);
    }

    /// <summary>
    /// Logs in, reads what the account offers and checks the configured organisation, certificate type and term
    /// against it. Configuration problems are reported in <see cref="SectigoDiscoveryReport.Problems"/>, not thrown;
    /// a failed login is thrown (<see cref="MpkiErrorKind.Authentication"/>).
    /// </summary>
    public async Task<SectigoDiscoveryReport> GetDiscoveryReportAsync(CancellationToken cancellationToken = default)
    {
        var snapshot = await _resolver.GetAsync(true, cancellationToken).ConfigureAwait(false);
        var options = _client.Options;
        var problems = new List<string>();
        string? organizationId = null;
        ScmCertificateType? type = null;
        int? term = null;
        try
        {
            organizationId = _resolver.ResolveOrganization(snapshot, options.OrganizationId).ToString(CultureInfo.InvariantCulture);
        }
        catch (MpkiException ex)
        {
            problems.Add(ex.ReasonWithFix);
        }

        try
        {
            type = _resolver.ResolveType(snapshot, options.CertificateType, nameof(SectigoOptions.CertificateType));
            term = _resolver.ResolveTerm(type, options.TermDays);
        }
        catch (MpkiException ex)
        {
            problems.Add(ex.ReasonWithFix);
        }

        return new SectigoDiscoveryReport(Name, options.BaseUrl, options.CustomerUri, options.Login, ToAccount(snapshot))
        {
            DeviceCertificateTypes = snapshot.DeviceTypes.Select(ToType).ToList(),
            OrganizationId = organizationId,
            CertificateTypeId = type?.Id,
            CertificateTypeName = type?.Name,
            TermDays = term,
            Problems = problems,
        };
    }

    /// <summary>
    /// Runs every check of the account (<see cref="SectigoAccountCheck"/>): login, customer URI, organisation and its
    /// validation, the client-certificate REST API and privilege, each configured certificate type with its term and key
    /// algorithm, and each domain of <see cref="SectigoOptions.Domains"/> and <paramref name="domains"/>.
    /// </summary>
    public Task<MpkiAccountCheckReport> CheckAccountAsync(IEnumerable<string> domains, CancellationToken cancellationToken = default) =>
        new SectigoAccountCheck(this).RunAsync(domains, cancellationToken);

    /// <summary>Checks one mail domain against the account: present, delegated to the organisation for S/MIME, validated.</summary>
    public Task<IReadOnlyList<MpkiAccountCheckItem>> CheckDomainAsync(string domain, CancellationToken cancellationToken = default) =>
        new SectigoAccountCheck(this).CheckDomainAsync(domain, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        _resolver.Dispose();
        _owner?.Dispose();
    }

    private static MpkiAccount ToAccount(SectigoAccountSnapshot snapshot) => new(
        snapshot.Organizations.Select(o => new MpkiOrganization(
            o.Id ?? string.Empty,
            o.Name ?? string.Empty,
            (o.Departments ?? []).Select(d => new MpkiDepartment(d.Id ?? string.Empty, d.Name ?? string.Empty)).ToList())).ToList(),
        snapshot.Types.Select(ToType).ToList(),
        snapshot.CustomFields.Select(f => new MpkiCustomField(f.Name ?? string.Empty, f.Mandatory ?? false)).ToList());

    private static MpkiCertificateType ToType(ScmCertificateType type) =>
        new(type.Id ?? string.Empty, type.Name ?? string.Empty, type.Terms ?? [], type.ReadKeyTypes()) { Description = type.Description };
}
