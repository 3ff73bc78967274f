using System.Globalization;
using System.Text;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>
/// Reads what the account offers (organisations, certificate types, custom fields), keeps it for
/// <see cref="SectigoOptions.DiscoveryCacheDuration"/>, and checks the configured organisation, type and term
/// against it, refusing unknown ones with the list of what the account offers.
/// </summary>
internal sealed class SectigoAccountResolver(SectigoApiClient client, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SectigoAccountSnapshot? _snapshot;

    private SectigoOptions Options => client.Options;

    private string Account => client.Identity.AccountName;

    public async Task<SectigoAccountSnapshot> GetAsync(bool refresh, CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (!refresh && current is not null && time.GetUtcNow() - current.FetchedAt < Options.DiscoveryCacheDuration)
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _snapshot;
            if (!refresh && current is not null && time.GetUtcNow() - current.FetchedAt < Options.DiscoveryCacheDuration)
            {
                return current;
            }

            var organizations = await client.GetAsync<List<ScmOrganization>>("api/organization/v1", "reading the organisations", cancellationToken).ConfigureAwait(false);
            var types = await client.GetAsync<List<ScmCertificateType>>("api/smime/v1/types", "reading the certificate types", cancellationToken).ConfigureAwait(false);
            List<ScmCustomField> fields;
            try
            {
                fields = await client.GetAsync<List<ScmCustomField>>("api/smime/v1/customFields", "reading the custom fields", cancellationToken).ConfigureAwait(false);
            }
            catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound)
            {
                fields = [];
            }

            List<ScmCertificateType> deviceTypes;
            try
            {
                deviceTypes = await client.GetAsync<List<ScmCertificateType>>("api/device/v1/types", "reading the device certificate types", cancellationToken).ConfigureAwait(false);
            }
            catch (MpkiException ex) when (ex.Kind is MpkiErrorKind.NotFound or MpkiErrorKind.Authorization or MpkiErrorKind.InvalidRequest)
            {
                // UNCERTAIN endpoint: an instance without it has no device types.
                deviceTypes = [];
            }

            _snapshot = new SectigoAccountSnapshot(organizations, types, fields, deviceTypes, time.GetUtcNow());
            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<SectigoResolvedEnrollment> ResolveAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken)
    {
        var snapshot = await GetAsync(false, cancellationToken).ConfigureAwait(false);
        var organizationId = ResolveOrganization(snapshot, request.OrganizationId ?? Options.OrganizationId);
        var typeSetting = request.CertificateType
            ?? (request.Kind == MpkiCertificateKind.Device ? Options.DeviceCertificateType ?? Options.CertificateType : Options.CertificateType);
        var device = request.Kind == MpkiCertificateKind.Device;
        var setting = device && request.CertificateType is null && Options.DeviceCertificateType is not null ? "DeviceCertificateType" : "CertificateType";
        var pool = device && snapshot.DeviceTypes.Count > 0 ? snapshot with { Types = snapshot.DeviceTypes } : snapshot;
        var type = ResolveType(pool, typeSetting, setting);
        var term = ResolveTerm(type, request.TermDays ?? Options.TermDays);
        var fields = ResolveCustomFields(snapshot, request.CustomFields);
        return new SectigoResolvedEnrollment(organizationId, type, TypeId(type), term, fields);
    }

    public int ResolveOrganization(SectigoAccountSnapshot snapshot, string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var known = snapshot.Organizations.Any(o => o.Id == configured || (o.Departments ?? []).Any(d => d.Id == configured));
            if (!known || !int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                throw Config(
                    $"OrganizationId '{configured}' is not an organisation or department this admin may use. The account offers: {ListOrganizations(snapshot)}.",
                    "Set OrganizationId to one of the listed ids, or give the admin the RA role for that organisation in SCM.");
            }

            return id;
        }

        if (snapshot.Organizations.Count == 1 && int.TryParse(snapshot.Organizations[0].Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var only))
        {
            return only;
        }

        if (snapshot.Organizations.Count == 0)
        {
            throw Config(
                "the admin sees no organisation, so OrganizationId cannot be discovered.",
                $"In SCM (Settings > Admins > '{client.Identity.Login}'), give the admin the RA role for the organisation, or set OrganizationId.");
        }

        throw Config(
            $"OrganizationId is not set and the account has {snapshot.Organizations.Count} organisations: {ListOrganizations(snapshot)}.",
            "Set OrganizationId to one of the listed ids.");
    }

    public ScmCertificateType ResolveType(SectigoAccountSnapshot snapshot, string? configured, string setting)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            if (snapshot.Types.Count == 1)
            {
                return snapshot.Types[0];
            }

            throw Config(
                snapshot.Types.Count == 0
                    ? $"{setting} is not set and the account offers no certificate type."
                    : $"{setting} is not set and the account offers {snapshot.Types.Count} certificate types: {ListTypes(snapshot)}.",
                snapshot.Types.Count == 0
                    ? "In SCM (Organizations > Edit > Client Certificate profiles), make a certificate profile available to the organisation."
                    : $"Set {setting} to the id or name of one of the listed types.");
        }

        var wanted = configured.Trim();
        var type = snapshot.Types.FirstOrDefault(t => string.Equals(t.Id, wanted, StringComparison.Ordinal))
            ?? snapshot.Types.FirstOrDefault(t => string.Equals(t.Name?.Trim(), wanted, StringComparison.OrdinalIgnoreCase));
        if (type is null)
        {
            throw Config(
                $"{setting} '{wanted}' is not offered by the account. It offers: {ListTypes(snapshot)}.",
                $"Set {setting} to the id or name of one of the listed types, or make the profile available to the organisation in SCM.");
        }

        return type;
    }

    public int ResolveTerm(ScmCertificateType type, int? configured)
    {
        var terms = type.Terms ?? [];
        if (configured is null)
        {
            if (terms.Count == 1)
            {
                return terms[0];
            }

            throw Config(
                terms.Count == 0
                    ? $"the certificate type {Describe(type)} offers no term."
                    : $"TermDays is not set and the certificate type {Describe(type)} offers {terms.Count} terms: {string.Join(", ", terms)} days.",
                terms.Count == 0
                    ? "In SCM, give the certificate profile at least one term for the organisation."
                    : "Set TermDays to one of the listed terms.");
        }

        if (!terms.Contains(configured.Value))
        {
            throw Config(
                $"TermDays {configured.Value} is not offered by the certificate type {Describe(type)}; it offers: {(terms.Count == 0 ? "none" : string.Join(", ", terms) + " days")}.",
                "Set TermDays to one of the listed terms.");
        }

        return configured.Value;
    }

    public int TypeId(ScmCertificateType type)
    {
        if (!int.TryParse(type.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
        {
            throw new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Account}': the certificate type {Describe(type)} has no numeric id.");
        }

        return id;
    }

    public static string ListOrganizations(SectigoAccountSnapshot snapshot)
    {
        if (snapshot.Organizations.Count == 0)
        {
            return "none";
        }

        var text = new StringBuilder();
        foreach (var organization in snapshot.Organizations)
        {
            if (text.Length > 0)
            {
                text.Append("; ");
            }

            text.Append(CultureInfo.InvariantCulture, $"{organization.Id} '{organization.Name}'");
            var departments = organization.Departments ?? [];
            if (departments.Count > 0)
            {
                text.Append(" (departments: ").AppendJoin(", ", departments.Select(d => $"{d.Id} '{d.Name}'")).Append(')');
            }
        }

        return text.ToString();
    }

    public static string ListTypes(SectigoAccountSnapshot snapshot) =>
        snapshot.Types.Count == 0
            ? "none"
            : string.Join("; ", snapshot.Types.Select(t => $"{Describe(t)} with terms {string.Join(", ", t.Terms ?? [])}"));

    public static string Describe(ScmCertificateType type) => $"{type.Id} '{type.Name}'";

    public void Dispose() => _gate.Dispose();

    private List<ScmCustomFieldValue> ResolveCustomFields(SectigoAccountSnapshot snapshot, IReadOnlyDictionary<string, string> fromRequest)
    {
        var values = new Dictionary<string, string>(Options.CustomFields, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in fromRequest)
        {
            values[name] = value;
        }

        var missing = snapshot.CustomFields
            .Where(f => f.Mandatory == true && !string.IsNullOrEmpty(f.Name) && (!values.TryGetValue(f.Name, out var v) || string.IsNullOrWhiteSpace(v)))
            .Select(f => f.Name!)
            .ToList();
        if (missing.Count > 0)
        {
            throw Config(
                $"the account requires the custom field(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} at enrollment.",
                "Set the listed fields under CustomFields of the account.");
        }

        return values.Select(kv => new ScmCustomFieldValue(kv.Key, kv.Value)).ToList();
    }

    private MpkiException Config(string what, string remediation) =>
        new(MpkiErrorKind.Configuration, $"Sectigo account '{Account}': {what}") { Remediation = remediation };
}
