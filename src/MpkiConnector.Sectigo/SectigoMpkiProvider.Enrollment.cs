using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>Enrollment: S/MIME (with the person record) and device orders, and renewal by order.</summary>
public sealed partial class SectigoMpkiProvider
{
    /// <summary>
    /// Enrolls the CSR (<c>POST /api/smime/v1/enroll</c> or <c>/api/device/v1/enroll</c>), with the correlation marker in
    /// the order's comments. Never retried: an answer that is lost or cannot be read is an
    /// <see cref="MpkiErrorKind.Unavailable"/> error (the order may exist), and the coordinator looks for the order with
    /// <see cref="FindOrderAsync"/> before it submits again. The order carries the request's kind.
    /// </summary>
    public async Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        CheckRequest(request);
        var resolved = await _resolver.ResolveAsync(request, cancellationToken).ConfigureAwait(false);
        var comments = $"Requested by MpkiConnector {CorrelationMarker(request.CorrelationId)}";
        object body = request.Kind == MpkiCertificateKind.Device
            ? DeviceBody(request, resolved, comments)
            : await PersonBodyAsync(request, resolved, comments, cancellationToken).ConfigureAwait(false);
        var path = $"api/{Area(request.Kind)}/v1/enroll";

        var operation = $"enrolling {request.Subject}";
        string? id;
        try
        {
            var answer = await _client.PostAsync<ScmEnrollResponse>(path, body, operation, cancellationToken).ConfigureAwait(false);
            id = answer.BackendCertId ?? answer.OrderNumber ?? answer.Id;
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.Unavailable)
        {
            SectigoLog.EnrollLost(_logger, Name, request.Subject, request.CorrelationId, ex.Message);
            throw;
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.Protocol)
        {
            throw OutcomeUnknown(request, ex);
        }

        if (string.IsNullOrWhiteSpace(id))
        {
            throw OutcomeUnknown(request, new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': {operation}: the answer has no backendCertId."));
        }

        SectigoLog.Enrolled(_logger, Name, request.Subject, request.CorrelationId, id);
        return new MpkiOrder(id, request.CorrelationId, request.Kind);
    }

    /// <summary>
    /// Renews the certificate of an S/MIME order with its original CSR and parameters (<c>POST /api/smime/v2/renew/order/{id}</c>);
    /// returns the new order. Not retried blindly. Device orders cannot be renewed by order: enroll a new certificate.
    /// </summary>
    /// <param name="orderId">The order (backendCertId) to renew.</param>
    /// <param name="correlationId">Our id of the renewal; default: the old order id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<MpkiOrder> RenewAsync(string orderId, string? correlationId = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        var answer = await _client.PostAsync<ScmEnrollResponse>($"api/smime/v2/renew/order/{Uri.EscapeDataString(orderId)}", null, $"renewing order {orderId}", cancellationToken).ConfigureAwait(false);
        var newId = answer.BackendCertId ?? answer.OrderNumber ?? answer.Id
            ?? throw new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': renewing order {orderId}: the answer has no backendCertId.");
        SectigoLog.Renewed(_logger, Name, orderId, newId);
        return new MpkiOrder(newId, correlationId ?? orderId);
    }

    private static ScmDeviceEnrollRequest DeviceBody(MpkiEnrollmentRequest request, SectigoResolvedEnrollment resolved, string comments) => new()
    {
        OrgId = resolved.OrganizationId,
        Csr = request.CsrPem,
        CertType = resolved.TypeId,
        Term = resolved.TermDays,
        CommonName = request.Subject,
        Comments = comments,
    };

    private async Task<ScmEnrollRequest> PersonBodyAsync(MpkiEnrollmentRequest request, SectigoResolvedEnrollment resolved, string comments, CancellationToken cancellationToken)
    {
        var (firstName, lastName) = _names.Split(request.DisplayName, request.Subject);
        if (_client.Options.ManagePersonRecords)
        {
            await _persons.EnsureAsync(request.Subject, firstName, lastName, resolved.OrganizationId, cancellationToken).ConfigureAwait(false);
        }

        var commonName = $"{firstName} {lastName}";
        return new ScmEnrollRequest
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

    /// <summary>The enrollment was sent but its answer cannot be read: the order may exist. Transient, so the coordinator looks for it.</summary>
    private MpkiException OutcomeUnknown(MpkiEnrollmentRequest request, MpkiException lost)
    {
        SectigoLog.EnrollLost(_logger, Name, request.Subject, request.CorrelationId, lost.Message);
        return new MpkiException(
            MpkiErrorKind.Unavailable,
            $"Sectigo account '{Name}': the answer to the enrollment of {request.Subject} could not be read ({lost.Message}); the order may exist. Look for it (FindOrder, correlation {request.CorrelationId}) before submitting again.",
            lost)
        {
            VendorCode = lost.VendorCode,
            HttpStatus = lost.HttpStatus,
            RetryAfter = lost.RetryAfter,
        };
    }
}
