using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>
/// An account at Sectigo Certificate Manager (SCM), over its classic REST API: discovery, S/MIME and device
/// enrollment, collect, revoke, renew, list, person records. Created by
/// <see cref="SectigoMpkiConnectorBuilderExtensions.AddSectigo(DependencyInjection.MpkiConnectorBuilder, string, Action{SectigoOptions})"/>;
/// resolve it as <see cref="IMpkiProvider"/> by name and cast to reach the Sectigo-only methods.
/// </summary>
public sealed class SectigoMpkiProvider : IMpkiProvider, IDisposable
{
    private const string DevicePrefix = "device:";
    private readonly SectigoApiClient _client;
    private readonly SectigoAccountResolver _resolver;
    private readonly SectigoNameSplitter _names;
    private readonly SectigoPersonRecords _persons;
    private readonly ILogger _logger;

    internal SectigoMpkiProvider(string name, SectigoApiClient client, ILogger logger, TimeProvider time)
    {
        Name = name;
        _client = client;
        _logger = logger;
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

    /// <inheritdoc />
    public async Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var resolved = await _resolver.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var comments = $"Requested by MpkiConnector {CorrelationMarker(request.CorrelationId)}";
        string path;
        object body;
        if (request.Kind == MpkiCertificateKind.Device)
        {
            path = "api/device/v1/enroll";
            body = new ScmDeviceEnrollRequest
            {
                OrgId = resolved.OrganizationId,
                Csr = request.CsrPem,
                CertType = resolved.TypeId,
                Term = resolved.TermDays,
                CommonName = request.Subject,
                Comments = comments,
            };
        }
        else
        {
            var (firstName, lastName) = _names.Split(request.DisplayName, request.Subject);
            if (_client.Options.ManagePersonRecords)
            {
                await _persons.EnsureAsync(request.Subject, firstName, lastName, resolved.OrganizationId, cancellationToken).ConfigureAwait(false);
            }

            path = "api/smime/v1/enroll";
            var commonName = $"{firstName} {lastName}";
            body = new ScmEnrollRequest
            {
                OrgId = resolved.OrganizationId,
                Csr = request.CsrPem,
                CertType = resolved.TypeId,
                Term = resolved.TermDays,
                Email = request.Subject,
                FirstName = firstName,
                LastName = lastName,
                CommonName = commonName.Length <= 64 ? commonName : commonName[..64],
                Comments = comments,
                CustomFields = resolved.CustomFields.Count == 0 ? null : resolved.CustomFields.ToList(),
            };
        }

        var operation = $"enrolling {request.Subject}";
        ScmEnrollResponse answer;
        try
        {
            answer = await _client.PostAsync<ScmEnrollResponse>(path, body, operation, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex) when (ex.Kind is MpkiErrorKind.Unavailable or MpkiErrorKind.Protocol)
        {
            // The order may exist even though its answer was lost: look for it before anything is sent again.
            return await AdoptLostOrderAsync(request, ex, cancellationToken).ConfigureAwait(false);
        }

        var id = answer.BackendCertId ?? answer.OrderNumber ?? answer.Id;
        if (string.IsNullOrWhiteSpace(id))
        {
            return await AdoptLostOrderAsync(
                request,
                new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': {operation}: the answer has no backendCertId."),
                cancellationToken).ConfigureAwait(false);
        }

        var orderId = request.Kind == MpkiCertificateKind.Device ? DevicePrefix + id : id;
        SectigoLog.Enrolled(_logger, Name, request.Subject, request.CorrelationId, orderId);
        return new MpkiOrder(orderId, request.CorrelationId);
    }

    /// <inheritdoc />
    public async Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.CorrelationId);
        var marker = CorrelationMarker(request.CorrelationId);
        if (request.Kind == MpkiCertificateKind.Device)
        {
            return await FindDeviceOrderAsync(request, marker, cancellationToken).ConfigureAwait(false);
        }

        var items = await ListByEmailAsync(request.Subject, cancellationToken).ConfigureAwait(false);
        foreach (var item in items.OrderByDescending(i => NumericId(i)))
        {
            var comments = item.Comments;
            if (comments is null && item.Id is not null)
            {
                comments = await ReadCommentsAsync(item.Id, cancellationToken).ConfigureAwait(false);
            }

            var id = item.BackendCertId ?? item.OrderNumber ?? item.Id;
            if (comments is not null && comments.Contains(marker, StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(id))
            {
                SectigoLog.Adopted(_logger, Name, id, request.CorrelationId);
                return new MpkiOrder(id, request.CorrelationId);
            }
        }

        return null;
    }

    /// <inheritdoc />
    public async Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentException.ThrowIfNullOrWhiteSpace(order.OrderId);
        var (device, id) = SplitOrderId(order.OrderId);
        var path = device
            ? $"api/device/v1/collect/{Uri.EscapeDataString(id)}?format=x509"
            : $"api/smime/v1/collect/{Uri.EscapeDataString(id)}?format=x509";
        var operation = $"collecting order {order.OrderId}";
        var response = await _client.SendAsync(HttpMethod.Get, path, null, operation, cancellationToken).ConfigureAwait(false);
        var (code, description) = SectigoApiClient.ReadError(response.Body);
        if (!response.IsSuccess || (code is not null && response.Body.Length > 0 && response.Body[0] == (byte)'{'))
        {
            if (code is { } c && SectigoErrorCodes.IsPending(c) && response.Status is >= 200 and < 500)
            {
                SectigoLog.Pending(_logger, Name, order.OrderId, c.ToString(CultureInfo.InvariantCulture), description ?? string.Empty);
                return new MpkiCollectResult.Pending(response.Headers.RetryAfter?.Delta, $"{c}: {description}");
            }

            if (code is { } r && SectigoErrorCodes.IsRevoked(r))
            {
                var text = description ?? "revoked";
                SectigoLog.Rejected(_logger, Name, order.OrderId, r.ToString(CultureInfo.InvariantCulture), text);
                return new MpkiCollectResult.Rejected(text, r.ToString(CultureInfo.InvariantCulture));
            }

            if (response.IsSuccess && code is null)
            {
                // A 2xx JSON answer without a code: nothing to collect yet.
                return new MpkiCollectResult.Pending(null, "empty answer");
            }

            throw _client.ToException(response, operation);
        }

        if (response.Body.Length == 0 || response.Body.All(b => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t'))
        {
            SectigoLog.Pending(_logger, Name, order.OrderId, "none", "empty answer");
            return new MpkiCollectResult.Pending(response.Headers.RetryAfter?.Delta, "empty answer");
        }

        try
        {
            var (certificate, chain) = SectigoCertificateParser.Parse(response.Body);
            SectigoLog.Collected(_logger, Name, order.OrderId);
            return new MpkiCollectResult.Issued(certificate, chain);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            throw new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': {operation} failed: the certificate could not be read ({ex.Message}).", ex);
        }
    }

    /// <inheritdoc />
    public async Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var reason = string.IsNullOrWhiteSpace(request.Comment) ? request.Reason.ToString() : request.Comment;
        if (reason.Length > 512)
        {
            reason = reason[..512];
        }

        var body = new ScmRevokeRequest { ReasonCode = (int)request.Reason, Reason = reason };
        string path;
        string target;
        if (request.OrderId is not null)
        {
            var (device, id) = SplitOrderId(request.OrderId);
            path = device ? $"api/device/v1/revoke/order/{Uri.EscapeDataString(id)}" : $"api/smime/v1/revoke/order/{Uri.EscapeDataString(id)}";
            target = $"order {request.OrderId}";
        }
        else if (request.SerialNumber is not null)
        {
            var serial = NormalizeSerial(request.SerialNumber);
            path = $"api/smime/v1/revoke/serial/{Uri.EscapeDataString(serial)}";
            target = $"serial {serial}";
        }
        else
        {
            path = "api/smime/v1/revoke";
            body.Email = request.Email;
            target = $"every certificate of {request.Email}";
        }

        await _client.SendCheckedAsync(HttpMethod.Post, path, body, $"revoking {target}", cancellationToken).ConfigureAwait(false);
        SectigoLog.Revoked(_logger, Name, target);
    }

    /// <summary>
    /// Renews the certificate of an order with its original CSR and parameters (<c>POST /api/smime/v2/renew/order/{id}</c>);
    /// returns the new order. Not retried blindly.
    /// </summary>
    /// <param name="orderId">The order (backendCertId) to renew.</param>
    /// <param name="correlationId">Our id of the renewal; default: the old order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<MpkiOrder> RenewAsync(string orderId, string? correlationId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var (device, id) = SplitOrderId(orderId);
        if (device)
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"Sectigo account '{Name}': device orders cannot be renewed by order; enroll a new certificate.");
        }

        var answer = await _client.PostAsync<ScmEnrollResponse>($"api/smime/v2/renew/order/{Uri.EscapeDataString(id)}", null, $"renewing order {orderId}", cancellationToken).ConfigureAwait(false);
        var newId = answer.BackendCertId ?? answer.OrderNumber ?? answer.Id
            ?? throw new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': renewing order {orderId}: the answer has no backendCertId.");
        SectigoLog.Renewed(_logger, Name, orderId, newId);
        return new MpkiOrder(newId, correlationId ?? orderId);
    }

    /// <summary>Reads one page of the S/MIME certificate list (<c>GET /api/smime/v2?size&amp;position</c>, total from <c>X-Total-Count</c>).</summary>
    public async Task<SectigoCertificatePage> ListCertificatesPageAsync(SectigoCertificateQuery query, int position, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var path = $"api/smime/v2?size={size}&position={position}"
            + Filter("email", query.Email)
            + Filter("state", query.State)
            + Filter("serialNumber", query.SerialNumber)
            + Filter("certTypeId", query.CertificateTypeId);
        var response = await _client.SendCheckedAsync(HttpMethod.Get, path, null, "listing certificates", cancellationToken).ConfigureAwait(false);
        var items = _client.Deserialize<List<ScmCertificateListItem>>(response, "listing certificates");
        return new SectigoCertificatePage(items.Select(ToSummary).ToList(), position, response.TotalCount);
    }

    /// <summary>Lists every S/MIME certificate matching <paramref name="query"/>, page by page.</summary>
    public async IAsyncEnumerable<SectigoCertificateSummary> ListCertificatesAsync(SectigoCertificateQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var position = 0;
        while (true)
        {
            var page = await ListCertificatesPageAsync(query, position, cancellationToken).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            position += page.Items.Count;
            if (page.Items.Count < size || page.Items.Count == 0 || (page.TotalCount is { } total && position >= total))
            {
                yield break;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _resolver.Dispose();

    internal static string NormalizeSerial(string serial)
    {
        var plain = new string(serial.Where(c => c is not ':' and not ' ' and not '-').ToArray());
        if (plain.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            plain = plain[2..];
        }

        if (plain.Length == 0 || !plain.All(char.IsAsciiHexDigit))
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"'{serial}' is not a hexadecimal serial number.");
        }

        return plain.ToUpperInvariant();
    }

    private static MpkiAccount ToAccount(SectigoAccountSnapshot snapshot) => new(
        snapshot.Organizations.Select(o => new MpkiOrganization(
            o.Id ?? string.Empty,
            o.Name ?? string.Empty,
            (o.Departments ?? []).Select(d => new MpkiDepartment(d.Id ?? string.Empty, d.Name ?? string.Empty)).ToList())).ToList(),
        snapshot.Types.Select(ToType).ToList(),
        snapshot.CustomFields.Select(f => new MpkiCustomField(f.Name ?? string.Empty, f.Mandatory ?? false)).ToList());

    private static MpkiCertificateType ToType(ScmCertificateType type) =>
        new(type.Id ?? string.Empty, type.Name ?? string.Empty, type.Terms ?? [], KeyTypes(type.KeyTypes)) { Description = type.Description };

    internal static IReadOnlyDictionary<string, IReadOnlyList<string>> KeyTypes(JsonElement? element)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (element is not { } e)
        {
            return result;
        }

        if (e.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in e.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.Array
                    ? property.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() ?? string.Empty : v.GetRawText()).ToList()
                    : [property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() ?? string.Empty : property.Value.GetRawText()];
            }
        }
        else if (e.ValueKind == JsonValueKind.Array)
        {
            foreach (var value in e.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString() ?? string.Empty))
            {
                var parts = value.Split([' ', '-', ':'], 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var algorithm = parts.Length > 0 ? parts[0] : value;
                var size = parts.Length > 1 ? parts[1] : string.Empty;
                var list = result.TryGetValue(algorithm, out var existing) ? existing.ToList() : [];
                if (size.Length > 0)
                {
                    list.Add(size);
                }

                result[algorithm] = list;
            }
        }

        return result;
    }

    private static SectigoCertificateSummary ToSummary(ScmCertificateListItem item) => new(item.Id, item.BackendCertId ?? item.OrderNumber, item.State ?? item.Status)
    {
        SerialNumber = item.SerialNumber,
        Subject = item.CertificateDetails?.Subject,
        Expires = item.Expires,
        Comments = item.Comments,
    };

    private static string Filter(string name, string? value) =>
        string.IsNullOrWhiteSpace(value) ? string.Empty : $"&{name}={Uri.EscapeDataString(value)}";

    private static long NumericId(ScmCertificateListItem item) =>
        long.TryParse(item.BackendCertId ?? item.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static (bool Device, string Id) SplitOrderId(string orderId) =>
        orderId.StartsWith(DevicePrefix, StringComparison.Ordinal) ? (true, orderId[DevicePrefix.Length..]) : (false, orderId);

    private void CheckRequest(MpkiEnrollmentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.CorrelationId) || string.IsNullOrWhiteSpace(request.CsrPem) || string.IsNullOrWhiteSpace(request.Subject))
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"Sectigo account '{Name}': an enrollment needs a correlation id, a CSR and a subject.");
        }

        if (request.Kind == MpkiCertificateKind.Person && (request.Subject.Length > 128 || !request.Subject.Contains('@', StringComparison.Ordinal)))
        {
            throw new MpkiException(MpkiErrorKind.InvalidRequest, $"Sectigo account '{Name}': '{request.Subject}' is not an e-mail address of at most 128 characters.");
        }
    }

    private async Task<MpkiOrder> AdoptLostOrderAsync(MpkiEnrollmentRequest request, MpkiException lost, CancellationToken cancellationToken)
    {
        SectigoLog.EnrollLost(_logger, Name, request.Subject, request.CorrelationId, lost.Message);
        MpkiOrder? found;
        try
        {
            found = await FindOrderAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException findFailed)
        {
            throw new MpkiException(
                MpkiErrorKind.Unavailable,
                $"Sectigo account '{Name}': the answer to the enrollment of {request.Subject} was lost ({lost.Message}) and the order could not be looked up ({findFailed.Message}). Look for it (FindOrder) before submitting again.",
                lost);
        }

        if (found is not null)
        {
            return found;
        }

        throw new MpkiException(
            MpkiErrorKind.Unavailable,
            $"Sectigo account '{Name}': the enrollment of {request.Subject} failed and no order with correlation {request.CorrelationId} exists ({lost.Message}). Look for it (FindOrder) before submitting again.",
            lost)
        {
            VendorCode = lost.VendorCode,
            HttpStatus = lost.HttpStatus,
            RetryAfter = lost.RetryAfter,
        };
    }

    private async Task<List<ScmCertificateListItem>> ListByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var operation = $"looking for the orders of {email}";
        try
        {
            return await _client.GetAsync<List<ScmCertificateListItem>>($"api/smime/v2/byPersonEmail/{Uri.EscapeDataString(email)}", operation, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex) when (ex.VendorCode == "-105")
        {
            return [];
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound && ex.VendorCode is null)
        {
            // No byPersonEmail on this instance: the list endpoint with an e-mail filter.
            var all = new List<ScmCertificateListItem>();
            for (var position = 0; ; position += 200)
            {
                var response = await _client.SendCheckedAsync(HttpMethod.Get, $"api/smime/v2?size=200&position={position}&email={Uri.EscapeDataString(email)}", null, operation, cancellationToken).ConfigureAwait(false);
                var page = _client.Deserialize<List<ScmCertificateListItem>>(response, operation);
                all.AddRange(page);
                if (page.Count < 200)
                {
                    return all;
                }
            }
        }
    }

    private async Task<string?> ReadCommentsAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            var details = await _client.GetAsync<ScmCertificateListItem>($"api/smime/v1/{Uri.EscapeDataString(id)}", $"reading certificate {id}", cancellationToken).ConfigureAwait(false);
            return details.Comments;
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound)
        {
            return null;
        }
    }

    private async Task<MpkiOrder?> FindDeviceOrderAsync(MpkiEnrollmentRequest request, string marker, CancellationToken cancellationToken)
    {
        List<ScmCertificateListItem> items;
        try
        {
            items = await _client.GetAsync<List<ScmCertificateListItem>>(
                $"api/device/v1?size=200&position=0&commonName={Uri.EscapeDataString(request.Subject)}",
                $"looking for the device orders of {request.Subject}",
                cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.NotFound)
        {
            return null;
        }

        var match = items.FirstOrDefault(i => i.Comments?.Contains(marker, StringComparison.Ordinal) == true);
        var id = match?.BackendCertId ?? match?.OrderNumber ?? match?.Id;
        return id is null ? null : new MpkiOrder(DevicePrefix + id, request.CorrelationId);
    }
}
