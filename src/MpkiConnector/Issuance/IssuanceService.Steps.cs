using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>The journaled steps of one order: submit (or find), collect, validate, store.</summary>
internal sealed partial class IssuanceService
{
    private const int MaxErrorLength = 1000;

    private async Task<IssuanceResult> ContinueAsync(OrderRecord order, CancellationToken cancellationToken)
    {
        IMpkiProvider provider;
        try
        {
            provider = Diagnostics.TracedMpkiProvider.Wrap(_providers.Get(order.ProviderName));
        }
        catch (MpkiException ex)
        {
            return new IssuanceResult.Failed(ex.ReasonWithFix, ex.Kind) { Address = order.Address, OrderId = order.Id, OrderStillOpen = true };
        }

        var deadline = _time.GetUtcNow() + _options.MaxWait;
        var waits = 0;
        var failures = 0;
        var outcomeUnknown = order.State == OrderState.Intent && order.Attempts > 0;
        var status = order.LastError;
        if (order.NextAttemptAt is { } first && first > _time.GetUtcNow())
        {
            if (!await WaitAsync(first - _time.GetUtcNow(), ref waits, deadline, cancellationToken).ConfigureAwait(false))
            {
                return new IssuanceResult.Pending(order.Id, order.NextAttemptAt, status) { Address = order.Address };
            }
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var submitting = false;
            try
            {
                if (order.State == OrderState.Intent)
                {
                    var request = Enrollment(order);
                    MpkiOrder? placed = null;
                    if (outcomeUnknown)
                    {
                        if (provider.Capabilities.HasFlag(MpkiCapabilities.FindOrder))
                        {
                            IssuanceLog.OutcomeUnknown(_logger, order.Id, provider.Name);
                            placed = await provider.FindOrderAsync(request, cancellationToken).ConfigureAwait(false);
                            await AuditAsync(placed is null ? "order.not-found" : "order.found", order,
                                placed is null ? "no order at the CA; submitting" : $"the CA has order {placed.OrderId}; adopting it", cancellationToken).ConfigureAwait(false);
                            outcomeUnknown = placed is not null;
                        }
                        else if (!_options.ResubmitWhenOutcomeUnknown)
                        {
                            return await EndAsync(order, OrderState.Failed, MpkiErrorKind.Unavailable,
                                $"The outcome of an earlier submission is unknown and provider '{provider.Name}' cannot look orders up; " +
                                $"check the CA's portal for an order with correlation id {order.Id} before ordering again.", cancellationToken).ConfigureAwait(false);
                        }
                    }

                    if (placed is null)
                    {
                        order = order with { Attempts = order.Attempts + 1, NextAttemptAt = null, UpdatedAt = _time.GetUtcNow() };
                        await UpdateAsync(order, [Entry("order.submitting", order, $"attempt {order.Attempts} at provider {provider.Name}")], cancellationToken).ConfigureAwait(false);
                        outcomeUnknown = true;
                        submitting = true;
                        placed = await provider.SubmitAsync(request, cancellationToken).ConfigureAwait(false);
                        submitting = false;
                    }

                    order = order with { State = OrderState.Submitted, ProviderOrderId = placed.OrderId, LastError = null, NextAttemptAt = null, UpdatedAt = _time.GetUtcNow() };
                    await UpdateAsync(order, [Entry("order.submitted", order, $"provider order {placed.OrderId}")], cancellationToken).ConfigureAwait(false);
                    outcomeUnknown = false;
                    _metrics.Submitted(provider.Name);
                    IssuanceLog.OrderSubmitted(_logger, order.Id, order.Address, placed.OrderId);
                }

                var result = await provider.CollectAsync(new MpkiOrder(order.ProviderOrderId!, order.Id, order.Kind), cancellationToken).ConfigureAwait(false);
                order = order with { Attempts = order.Attempts + 1 };
                switch (result)
                {
                    case MpkiCollectResult.Issued issued:
                        return await CompleteAsync(order, issued, provider, cancellationToken).ConfigureAwait(false);

                    case MpkiCollectResult.Rejected rejected:
                        var reason = $"The CA refused the order: {rejected.Reason}" + (rejected.VendorCode is null ? string.Empty : $" (code {rejected.VendorCode})");
                        return await EndAsync(order, OrderState.Rejected, MpkiErrorKind.Rejected, reason, cancellationToken).ConfigureAwait(false);

                    case MpkiCollectResult.Pending pending:
                        var now = _time.GetUtcNow();
                        var delay = Clamp(pending.RetryAfter ?? PollDelay(order, now));
                        var firstPending = order.NextAttemptAt is null && status is null;
                        status = pending.Status ?? "pending at the CA";
                        order = order with { NextAttemptAt = now + delay, LastError = null, UpdatedAt = now };
                        await UpdateAsync(order, firstPending ? [Entry("order.pending", order, status)] : [], cancellationToken).ConfigureAwait(false);

                        IssuanceLog.OrderPending(_logger, order.Id, status, now + delay);
                        if (!await WaitAsync(delay, ref waits, deadline, cancellationToken).ConfigureAwait(false))
                        {
                            return new IssuanceResult.Pending(order.Id, order.NextAttemptAt, status) { Address = order.Address };
                        }

                        continue;

                    default:
                        throw new MpkiException(MpkiErrorKind.Protocol, $"Provider '{provider.Name}' returned an unknown collect result.");
                }
            }
            catch (MpkiException ex) when (IsRetried(order.State, ex))
            {
                failures++;
                if (submitting && ex.Kind == MpkiErrorKind.RateLimited)
                {
                    outcomeUnknown = false; // refused before acceptance: resubmitting is safe
                }

                var now = _time.GetUtcNow();
                if (order.State == OrderState.Intent && now - order.CreatedAt >= _options.GiveUpAfter)
                {
                    return await EndAsync(order, OrderState.Failed, ex.Kind, $"Given up after {_options.GiveUpAfter.TotalHours:0.#} hours of errors; last: {ex.ReasonWithFix}", cancellationToken).ConfigureAwait(false);
                }

                var delay = Backoff(failures, ex.RetryAfter);
                status = Truncate(RetryReason(order, ex, now + delay));
                order = order with
                {
                    NextAttemptAt = now + delay,
                    LastError = status,
                    UpdatedAt = now,
                    Attempts = order.State == OrderState.Submitted ? order.Attempts + 1 : order.Attempts,
                };
                await UpdateAsync(order, [Entry("order.retry", order, $"{ex.Kind}: {status}")], cancellationToken).ConfigureAwait(false);
                if (IsOperatorFixable(ex.Kind))
                {
                    IssuanceLog.OrderHeld(_logger, order.Id, status);
                    return new IssuanceResult.Failed(ex.ReasonWithFix, ex.Kind) { Address = order.Address, OrderId = order.Id, OrderStillOpen = true };
                }

                IssuanceLog.TransientError(_logger, order.Id, ex.Kind, status, now + delay);
                if (!await WaitAsync(delay, ref waits, deadline, cancellationToken).ConfigureAwait(false))
                {
                    return new IssuanceResult.Pending(order.Id, order.NextAttemptAt, status) { Address = order.Address };
                }
            }
            catch (MpkiException ex)
            {
                var state = ex.Kind == MpkiErrorKind.Rejected ? OrderState.Rejected : OrderState.Failed;
                return await EndAsync(order, state, ex.Kind, ex.ReasonWithFix, cancellationToken).ConfigureAwait(false);
            }
        }
    }

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

    private Task<bool> WaitAsync(TimeSpan delay, ref int waits, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (waits >= _options.MaxPolls || _time.GetUtcNow() + delay > deadline)
        {
            return Task.FromResult(false);
        }

        waits++;
        return delay <= TimeSpan.Zero
            ? Task.FromResult(true)
            : Task.Delay(delay, _time, cancellationToken).ContinueWith(static _ => true, cancellationToken, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    /// <summary>
    /// Whether an error leaves the order open to be tried again (with a back-off in the journal). An order the CA accepted
    /// (submitted) is never abandoned on an error: only a rejection or a wrong certificate ends it, so its key is kept and
    /// no second order is placed. Before acceptance, transient errors and answers that could not be read (for example while
    /// reading the account) are retried; a clear refusal (invalid request, login...) ends the order.
    /// </summary>
    private static bool IsRetried(OrderState state, MpkiException ex) =>
        state == OrderState.Submitted || ex.IsTransient || ex.Kind == MpkiErrorKind.Protocol;

    /// <summary>Errors only an operator fixes: the order stays open (when submitted) but the caller is told at once.</summary>
    private static bool IsOperatorFixable(MpkiErrorKind kind) =>
        kind is MpkiErrorKind.Authentication or MpkiErrorKind.Authorization or MpkiErrorKind.Configuration or MpkiErrorKind.LimitReached;

    private static string RetryReason(OrderRecord order, MpkiException ex, DateTimeOffset next) => order.State == OrderState.Submitted
        ? $"{ex.ReasonWithFix} The order stays open at the CA; it is collected again at {next:u}."
        : $"{ex.ReasonWithFix} Retryable: the CA has not accepted an order for this request; next attempt at {next:u}.";

    /// <summary>The wait before the next collect: as long as the order has been open, from the first delay up to the poll interval.</summary>
    private TimeSpan PollDelay(OrderRecord order, DateTimeOffset now)
    {
        var open = now - order.CreatedAt;
        var delay = open < _options.FirstPollDelay ? _options.FirstPollDelay : open;
        return delay > _options.PollInterval ? _options.PollInterval : delay;
    }

    private TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > _options.MaxBackoff ? _options.MaxBackoff : delay;

    private TimeSpan Backoff(int failures, TimeSpan? retryAfter)
    {
        var exponent = Math.Min(failures - 1, 20);
        var backoff = TimeSpan.FromTicks(Math.Min(_options.InitialBackoff.Ticks * (1L << exponent), _options.MaxBackoff.Ticks));
        return Clamp(retryAfter is { } asked && asked > backoff ? asked : backoff);
    }

    private static string Truncate(string text) => text.Length <= MaxErrorLength ? text : text[..MaxErrorLength];

    private static MpkiEnrollmentRequest Enrollment(OrderRecord order) => new(order.Id, order.CsrPem, order.Kind, order.Address)
    {
        DisplayName = order.DisplayName,
        CertificateType = order.CertificateType,
        TermDays = order.TermDays,
        OrganizationId = order.OrganizationId,
    };
}
