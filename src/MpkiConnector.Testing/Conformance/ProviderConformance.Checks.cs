namespace MpkiConnector.Testing;

/// <summary>Discover, submit, pending, issued, rejected, revoke.</summary>
public sealed partial class ProviderConformance
{
    private async Task<ConformanceCheckResult> DiscoverAsync(CancellationToken cancellationToken)
    {
        const ConformanceCheck check = ConformanceCheck.Discover;
        var account = await Provider.DiscoverAsync(cancellationToken).ConfigureAwait(false)
            ?? throw Fail(check, "DiscoverAsync returned null.");
        if (account.Organizations.Count == 0)
        {
            throw Fail(check, "DiscoverAsync reported no organisation.");
        }

        if (account.CertificateTypes.Count == 0)
        {
            throw Fail(check, "DiscoverAsync reported no certificate type.");
        }

        if (account.CertificateTypes.Any(t => string.IsNullOrWhiteSpace(t.Id) || string.IsNullOrWhiteSpace(t.Name)))
        {
            throw Fail(check, "DiscoverAsync reported a certificate type without an id or a name.");
        }

        var offered = string.Join(", ", account.CertificateTypes.Select(t => $"{t.Id} '{t.Name}'"));
        if (_options.CertificateType is { } wanted)
        {
            var type = account.CertificateTypes.FirstOrDefault(t =>
                    string.Equals(t.Id, wanted, StringComparison.OrdinalIgnoreCase) || string.Equals(t.Name, wanted, StringComparison.OrdinalIgnoreCase))
                ?? throw Fail(check, $"the certificate type '{wanted}' of the options is not among the discovered types ({offered}).");
            if (_options.TermDays is { } term && type.TermsDays.Count > 0 && !type.TermsDays.Contains(term))
            {
                throw Fail(check, $"the type '{wanted}' offers terms {string.Join(", ", type.TermsDays)}, not the {term} days of the options.");
            }
        }

        return Pass(check, $"{account.Organizations.Count} organisation(s); certificate types {offered}.");
    }

    private async Task<ConformanceCheckResult> SubmitAsync(CancellationToken cancellationToken)
    {
        const ConformanceCheck check = ConformanceCheck.Submit;
        using var enrollment = NewEnrollment();
        var order = await SubmitAsync(check, enrollment.Request, cancellationToken).ConfigureAwait(false);
        return Pass(check, $"order {order.OrderId} for {enrollment.Request.Subject}.");
    }

    private Task<ConformanceCheckResult> PendingAsync(CancellationToken cancellationToken) =>
        WithScenarioAsync(ConformanceCheck.Pending, _options.Pending, nameof(ProviderConformanceOptions.Pending), async _ =>
        {
            const ConformanceCheck check = ConformanceCheck.Pending;
            using var enrollment = NewEnrollment();
            var order = await SubmitAsync(check, enrollment.Request, cancellationToken).ConfigureAwait(false);
            var first = await Provider.CollectAsync(order, cancellationToken).ConfigureAwait(false);
            if (first is not MpkiCollectResult.Pending pending)
            {
                throw Fail(check, $"after Pending.Arrange, the first collect of order {order.OrderId} answered {(first is null ? "null" : Describe(first))}; expected Pending.");
            }

            var issued = await CollectIssuedAsync(check, order, cancellationToken).ConfigureAwait(false);
            var certificate = Validate(check, issued, enrollment.Request);
            return Pass(check, $"order {order.OrderId} answered {Describe(pending)}, then issued serial {certificate.SerialNumber}.");
        }, cancellationToken);

    private async Task<ConformanceCheckResult> IssuedAsync(CancellationToken cancellationToken)
    {
        const ConformanceCheck check = ConformanceCheck.Issued;
        using var issued = await IssueAsync(check, null, cancellationToken).ConfigureAwait(false);
        var again = await Provider.CollectAsync(issued.Order, cancellationToken).ConfigureAwait(false);
        if (again is not MpkiCollectResult.Issued second || !second.CertificateDer.AsSpan().SequenceEqual(issued.Issued.CertificateDer))
        {
            throw Fail(check, $"a second collect of the issued order {issued.Order.OrderId} answered {(again is null ? "null" : Describe(again))} without the same certificate; a gateway that stopped after a collect collects again and must get it.");
        }

        var certificate = issued.Certificate;
        return Pass(check, $"{issued.Enrollment.Key.Algorithm} certificate serial {certificate.SerialNumber} for {issued.Request.Subject}, valid until {Format(certificate.NotAfter)}, chain of {certificate.ChainDer.Count}.");
    }

    private Task<ConformanceCheckResult> RejectedAsync(CancellationToken cancellationToken) =>
        WithScenarioAsync(ConformanceCheck.Rejected, _options.Rejection, nameof(ProviderConformanceOptions.Rejection), async scenario =>
        {
            const ConformanceCheck check = ConformanceCheck.Rejected;
            using var enrollment = NewEnrollment(address: scenario.Address);
            MpkiOrder order;
            try
            {
                order = await SubmitAsync(check, enrollment.Request, cancellationToken).ConfigureAwait(false);
            }
            catch (MpkiException ex)
            {
                return Refused(ex, "submit");
            }

            Collected collected;
            try
            {
                collected = await CollectUntilDoneAsync(check, order, cancellationToken).ConfigureAwait(false);
            }
            catch (MpkiException ex)
            {
                return Refused(ex, "collect");
            }

            return collected.Result is MpkiCollectResult.Rejected rejected
                ? Pass(check, $"order {order.OrderId} for {enrollment.Request.Subject} was rejected at collect: {rejected.Reason}")
                : throw Fail(check, $"order {order.OrderId} for {enrollment.Request.Subject}, a request the provider must refuse, was issued.");

            ConformanceCheckResult Refused(MpkiException ex, string step) => ex.IsTransient
                ? throw Fail(check, $"the {step} was refused with a transient {ex.Kind} ({ex.Message}); a refusal that will not change must not be transient, or it is retried forever.", ex)
                : Pass(check, $"the {step} for {enrollment.Request.Subject} was refused with {Describe(ex)}: {ex.Message}");
        }, cancellationToken);

    private async Task<ConformanceCheckResult> RevokeAsync(CancellationToken cancellationToken)
    {
        const ConformanceCheck check = ConformanceCheck.Revoke;
        if (!Provider.Capabilities.HasFlag(MpkiCapabilities.Revoke))
        {
            return Skip(check, "the provider does not claim MpkiCapabilities.Revoke.");
        }

        using var issued = await IssueAsync(check, null, cancellationToken).ConfigureAwait(false);
        await Provider.RevokeAsync(
            MpkiRevocationRequest.ByOrder(issued.Order.OrderId, MpkiRevocationReason.Superseded, "conformance check"), cancellationToken).ConfigureAwait(false);
        var after = await Provider.CollectAsync(issued.Order, cancellationToken).ConfigureAwait(false);
        return after is MpkiCollectResult.Rejected rejected
            ? Pass(check, $"order {issued.Order.OrderId} (serial {issued.Certificate.SerialNumber}) revoked; a later collect answered {Describe(rejected)}.")
            : throw Fail(check, $"after order {issued.Order.OrderId} was revoked, a collect answered {(after is null ? "null" : Describe(after))}; expected Rejected (a revoked certificate must not be handed out as good).");
    }
}
