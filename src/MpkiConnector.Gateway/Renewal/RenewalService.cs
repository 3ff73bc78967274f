using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Engine;
using MpkiConnector.Issuance;
using MpkiConnector.Renewal;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Renewal;

/// <summary>
/// Renews certificates: every <see cref="RenewalOptions.CheckInterval"/> (plus <see cref="RenewalOptions.CheckJitter"/>)
/// as a hosted service, or once through <see cref="RenewAsync"/> (<c>mpki renew [--dry-run]</c>). Each check first
/// resumes the journal's open orders that are due. Whether a certificate is due is core's <see cref="RenewalPolicy"/>
/// (with the domain's overlap); a due one is re-keyed and issued through the same journaled issuance as a first
/// certificate, and the old one becomes superseded (its key is kept: old mail must still decrypt). A revoked
/// certificate is renewed at once. Failures back off (<see cref="RenewalPolicy.GetBackoff"/>, from the journal);
/// certificates close to their end without a successful renewal are reported.
/// </summary>
internal sealed class RenewalService : BackgroundService
{
    /// <summary>Certificates read from the store at a time: the scan's memory is bounded by this, not by the store.</summary>
    private const int PageSize = 500;

    private readonly ICertificateStore _certificates;
    private readonly IOrderJournal _journal;
    private readonly DomainDirectory _domains;
    private readonly IssuanceScheduler _issuance;
    private readonly IMpkiProviderCatalog _providers;
    private readonly IAuditLog _audit;
    private readonly RenewalPolicy _policy;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;

    internal RenewalService(
        ICertificateStore certificates,
        IOrderJournal journal,
        DomainDirectory domains,
        IssuanceScheduler issuance,
        IMpkiProviderCatalog providers,
        IAuditLog audit,
        RenewalPolicy policy,
        GatewayOptions options,
        TimeProvider time,
        GatewayTelemetry telemetry,
        ILogger<RenewalService> logger)
    {
        _certificates = certificates;
        _journal = journal;
        _domains = domains;
        _issuance = issuance;
        _providers = providers;
        _audit = audit;
        _policy = policy;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Whether each check also asks the CA whether active certificates were revoked there (one collect per certificate).</summary>
    public bool CheckRevocationAtCa { get; set; }

    /// <summary>Looks for certificates due for renewal (or revoked) and, unless <paramref name="dryRun"/>, renews them.</summary>
    public async Task<RenewalReport> RenewAsync(bool dryRun = false, CancellationToken cancellationToken = default)
    {
        await _domains.RefreshAsync(cancellationToken).ConfigureAwait(false);
        if (!dryRun)
        {
            // first: orders left open (pending at the CA, or interrupted) continue; those not due yet are left until then
            await _issuance.ResumeOpenOrders().WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        var now = _time.GetUtcNow();
        var items = new ConcurrentBag<RenewalItem>();
        var expiring = new List<ExpiringCertificate>();
        var checkedCount = 0;
        var attempted = new HashSet<string>(StringComparer.Ordinal);

        // Only what can be due (or warned about) is read: the policy decides within that window. Asking the CA about
        // revocation needs every active certificate, still a page at a time.
        var maxOverlap = _domains.All.Select(d => d.Overlap).Append(_policy.Overlap).Max();
        var window = maxOverlap + _policy.Options.JitterWindow;
        var horizon = CheckRevocationAtCa && !dryRun ? DateTimeOffset.MaxValue
            : now + (window > _policy.Options.ExpiryWarning ? window : _policy.Options.ExpiryWarning);
        CertificateRecord? last = null;
        while (true)
        {
            var page = await _certificates.ListCertificatesEndingByAsync(CertificateStatus.Active, horizon, PageSize, last, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            last = page[^1];
            checkedCount += page.Count;
            var candidates = new List<(CertificateRecord Certificate, RenewalReason Reason)>();
            foreach (var certificate in page)
            {
                if (await ClassifyAsync(certificate, dryRun, now, items, cancellationToken).ConfigureAwait(false) is { } reason)
                {
                    candidates.Add((certificate, reason));
                    attempted.Add(certificate.Address);
                }
            }

            var renewed = await RenewAllAsync(candidates, dryRun, items, cancellationToken).ConfigureAwait(false);
            expiring.AddRange(page
                .Where(c => _policy.IsNearExpiry(c) && !renewed.Contains(c.Address))
                .Select(c => new ExpiringCertificate(c.Address, c.SerialNumber, c.NotAfter)));
        }

        // A revoked certificate whose address has no active one is renewed at once (the newest per address).
        var revoked = new Dictionary<string, CertificateRecord>(StringComparer.Ordinal);
        for (last = null; ;)
        {
            var page = await _certificates.ListCertificatesEndingByAsync(CertificateStatus.Revoked, DateTimeOffset.MaxValue, PageSize, last, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            last = page[^1];
            checkedCount += page.Count;
            foreach (var certificate in page)
            {
                if (!attempted.Contains(certificate.Address)
                    && await _certificates.GetActiveCertificateAsync(certificate.Address, cancellationToken).ConfigureAwait(false) is null)
                {
                    revoked[certificate.Address] = certificate; // ordered by end of validity: the last one is the newest
                }
            }
        }

        await RenewAllAsync(revoked.Values.Select(c => (c, RenewalReason.Revoked)).ToList(), dryRun, items, cancellationToken).ConfigureAwait(false);
        foreach (var certificate in expiring)
        {
            GatewayLog.ExpiringSoon(_logger, certificate.Address, certificate.SerialNumber, certificate.NotAfter);
        }

        _telemetry.Expiring(expiring.Count);
        return new RenewalReport(dryRun, checkedCount, items.OrderBy(i => i.Address, StringComparer.Ordinal).ToList(), expiring);
    }

    /// <summary>Why an active certificate is renewed now (revoked at the CA, or due), or null; a misfit is reported in <paramref name="items"/>.</summary>
    private async Task<RenewalReason?> ClassifyAsync(CertificateRecord certificate, bool dryRun, DateTimeOffset now, ConcurrentBag<RenewalItem> items, CancellationToken cancellationToken)
    {
        if (CheckRevocationAtCa && !dryRun && await IsRevokedAtCaAsync(certificate, cancellationToken).ConfigureAwait(false))
        {
            GatewayLog.FoundRevoked(_logger, certificate.Address, certificate.SerialNumber);
            await _certificates.SetCertificateStatusAsync(certificate.Id, CertificateStatus.Revoked, cancellationToken).ConfigureAwait(false);
            await _audit.AppendAsync(new AuditEntry(now, "certificate.revoked-at-ca", certificate.Address, $"serial {certificate.SerialNumber}"), cancellationToken).ConfigureAwait(false);
            return RenewalReason.Revoked;
        }

        var overlap = _domains.FindByAddress(certificate.Address)?.Overlap ?? _policy.Overlap;
        try
        {
            return _policy.IsDue(certificate, overlap) ? RenewalReason.Due : null;
        }
        catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.Configuration)
        {
            // renewing a certificate shorter than its overlap would renew it forever: report it instead
            GatewayLog.RenewalMisfit(_logger, certificate.Address, certificate.SerialNumber, ex.Message);
            items.Add(new RenewalItem(certificate.Address, certificate.SerialNumber, certificate.NotAfter, RenewalReason.Due) { Skipped = RenewalResult.Failed, SkippedBecause = ex.Message });
            return null;
        }
    }

    /// <summary>Renews (or plans) the candidates, a few at a time; returns the addresses renewed.</summary>
    private async Task<HashSet<string>> RenewAllAsync(IReadOnlyList<(CertificateRecord Certificate, RenewalReason Reason)> candidates, bool dryRun, ConcurrentBag<RenewalItem> items, CancellationToken cancellationToken)
    {
        var renewed = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            candidates,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentMessages), CancellationToken = cancellationToken },
            async (candidate, ct) =>
            {
                var item = await RenewOneAsync(candidate.Certificate, candidate.Reason, dryRun, ct).ConfigureAwait(false);
                items.Add(item);
                if (item.Result is RenewalResult.Renewed)
                {
                    renewed.TryAdd(item.Address, 0);
                }
            }).ConfigureAwait(false);
        return renewed.Keys.ToHashSet(StringComparer.Ordinal);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RenewAsync(dryRun: false, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the service keeps running; the failure is logged and the next check retries
            catch (Exception ex)
#pragma warning restore CA1031
            {
                GatewayLog.RenewalCheckFailed(_logger, ex);
            }

            try
            {
                await Task.Delay(_policy.NextCheckDelay(), _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<RenewalItem> RenewOneAsync(CertificateRecord certificate, RenewalReason reason, bool dryRun, CancellationToken cancellationToken)
    {
        var why = reason == RenewalReason.Revoked ? "revoked" : "within its overlap";
        var item = new RenewalItem(certificate.Address, certificate.SerialNumber, certificate.NotAfter, reason);
        var domain = _domains.FindByAddress(certificate.Address);
        if (domain is null)
        {
            return item with { Skipped = RenewalResult.NotManaged, SkippedBecause = "its domain is no longer managed" };
        }

        var orders = await _journal.ListOrdersAsync(certificate.Address, cancellationToken).ConfigureAwait(false);
        if (_policy.GetBackoff(certificate, orders) is { } backoff)
        {
            return item with
            {
                Skipped = RenewalResult.BackingOff,
                SkippedBecause = string.Create(CultureInfo.InvariantCulture, $"after {backoff.Failures} failure(s), next attempt not before {backoff.NextAttemptAt:O}"),
            };
        }

        GatewayLog.RenewalDue(_logger, certificate.Address, certificate.SerialNumber, why, certificate.NotAfter);
        if (dryRun)
        {
            return item with { Skipped = RenewalResult.Planned, SkippedBecause = why };
        }

        var result = await _issuance.IssueAsync(IssuanceScheduler.RequestFor(domain, certificate.Address, null, certificate.Id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        item = item with { Issuance = result };
        _telemetry.Renewal(item.Result.ToString().ToLowerInvariant());
        switch (result)
        {
            case IssuanceResult.Issued issued:
                GatewayLog.Renewed(_logger, certificate.Address, issued.Certificate.SerialNumber, certificate.SerialNumber);
                await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "certificate.renewed", certificate.Address, $"serial {issued.Certificate.SerialNumber} replaces {certificate.SerialNumber} ({why})"), cancellationToken).ConfigureAwait(false);
                break;
            case IssuanceResult.Failed failed:
                var next = _policy.GetBackoff(certificate, await _journal.ListOrdersAsync(certificate.Address, cancellationToken).ConfigureAwait(false))?.NextAttemptAt ?? _time.GetUtcNow();
                GatewayLog.RenewalFailed(_logger, certificate.Address, next, failed.Reason);
                await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "certificate.renewal-failed", certificate.Address, failed.Reason), cancellationToken).ConfigureAwait(false);
                break;
        }

        return item;
    }

    private async Task<bool> IsRevokedAtCaAsync(CertificateRecord certificate, CancellationToken cancellationToken)
    {
        if (certificate.ProviderOrderId is null || !_providers.Names.Contains(certificate.ProviderName, StringComparer.Ordinal))
        {
            return false;
        }

        try
        {
            var answer = await _providers.Get(certificate.ProviderName)
                .CollectAsync(new MpkiOrder(certificate.ProviderOrderId, certificate.OrderId ?? certificate.Id, certificate.Kind), cancellationToken).ConfigureAwait(false);
            return answer is MpkiCollectResult.Rejected;
        }
        catch (MpkiException)
        {
            return false; // cannot tell now; the next check asks again
        }
    }
}
