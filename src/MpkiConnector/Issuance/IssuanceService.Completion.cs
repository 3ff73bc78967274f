using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>How an order ends: an issued certificate validated and stored, or a rejection/failure with its unused key deleted.</summary>
internal sealed partial class IssuanceService
{
    private async Task<IssuanceResult> CompleteAsync(OrderRecord order, MpkiCollectResult.Issued issued, IMpkiProvider provider, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.MpkiActivitySources.Source.StartActivity("mpki.issue.complete");
        ValidatedCertificate validated;
        try
        {
            validated = await ValidateAsync(order, issued, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            return await EndAsync(order, OrderState.Rejected, MpkiErrorKind.Rejected, $"The certificate returned by the CA failed validation: {ex.Message}", Entry("certificate.rejected", order, ex.Message), cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var record = new CertificateRecord
        {
            Id = Guid.NewGuid().ToString("D"),
            Address = order.Address,
            Kind = order.Kind,
            SerialNumber = validated.SerialNumber,
            Issuer = validated.Issuer,
            Subject = validated.Subject,
            Thumbprint = validated.Thumbprint,
            NotBefore = validated.NotBefore,
            NotAfter = validated.NotAfter,
            Der = validated.CertificateDer,
            Chain = validated.ChainDer,
            Status = CertificateStatus.Active,
            KeyId = order.KeyId,
            OrderId = order.Id,
            ProviderName = order.ProviderName,
            ProviderOrderId = order.ProviderOrderId,
            CreatedAt = now,
        };
        var completed = order with { State = OrderState.Issued, LastError = null, NextAttemptAt = null, UpdatedAt = now };
        await CompleteAsync(completed, record, [Entry("certificate.issued", completed, $"serial {record.SerialNumber}, valid until {record.NotAfter:u}")], cancellationToken).ConfigureAwait(false);
        _owned.TryRemove(order.Id, out _);
        _metrics.Issued(provider.Name);
        IssuanceLog.CertificateIssued(_logger, record.SerialNumber, record.Address, order.Id, record.NotAfter);
        return new IssuanceResult.Issued(record) { Address = order.Address };
    }

    private Task<IssuanceResult> EndAsync(OrderRecord order, OrderState state, MpkiErrorKind kind, string reason, CancellationToken cancellationToken) =>
        EndAsync(order, state, kind, reason, null, cancellationToken);

    /// <summary>Ends the order (its step and audit entries, <paramref name="cause"/> first, in one transaction) and deletes its unused key.</summary>
    private async Task<IssuanceResult> EndAsync(OrderRecord order, OrderState state, MpkiErrorKind kind, string reason, AuditEntry? cause, CancellationToken cancellationToken)
    {
        reason = Truncate(reason);
        order = order with { State = state, LastError = reason, NextAttemptAt = null, UpdatedAt = _time.GetUtcNow() };
        var ended = Entry(state == OrderState.Rejected ? "order.rejected" : "order.failed", order, reason);
        await UpdateAsync(order, cause is null ? [ended] : [cause, ended], cancellationToken).ConfigureAwait(false);
        _owned.TryRemove(order.Id, out _);
        await DeleteKeyAsync(order.KeyId, cancellationToken).ConfigureAwait(false);
        if (state == OrderState.Rejected)
        {
            _metrics.Rejected(order.ProviderName);
        }
        else
        {
            _metrics.Failed(order.ProviderName);
        }

        IssuanceLog.OrderEnded(_logger, order.Id, order.Address, state, reason);
        return new IssuanceResult.Failed(reason, kind) { Address = order.Address, OrderId = order.Id };
    }

    /// <summary>The key of an order that ended without a certificate is deleted: it was never used.</summary>
    private async Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken)
    {
        var stored = await _keys.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return;
        }

        var provider = _keyProviders.FindByKind(stored.ProviderKind);
        if (provider is not null)
        {
            await provider.DeleteAsync(keyId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _keys.DeleteKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
        }
    }
}
