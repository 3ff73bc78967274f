using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Engine;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Renewal;

/// <summary>
/// Renews certificates: every <see cref="RenewalOptions.CheckInterval"/> (plus jitter) as a hosted service, or once
/// through <see cref="RenewAsync"/> (<c>mpki renew [--dry-run]</c>). A certificate is due when
/// <c>now &gt;= notAfter - overlap</c> (core's <see cref="global::MpkiConnector.Renewal.RenewalPolicy"/> with the domain's overlap); it is re-keyed and enrolled, and the old one becomes superseded (its key is kept:
/// old mail must still decrypt). A revoked certificate is renewed at once. Failures back off (doubling, bounded);
/// certificates close to their end without a successful renewal are reported.
/// </summary>
public sealed class RenewalService : BackgroundService
{
    private readonly ConcurrentDictionary<string, (int Failures, DateTimeOffset NextAttempt)> _backoff = new(StringComparer.Ordinal);
    private readonly ICertificateStore _certificates;
    private readonly DomainDirectory _domains;
    private readonly IssuanceScheduler _issuance;
    private readonly IMpkiProviderCatalog _providers;
    private readonly IAuditLog _audit;
    private readonly global::MpkiConnector.Renewal.RenewalPolicy _policy;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;

    internal RenewalService(
        ICertificateStore certificates,
        DomainDirectory domains,
        IssuanceScheduler issuance,
        IMpkiProviderCatalog providers,
        IAuditLog audit,
        global::MpkiConnector.Renewal.RenewalPolicy policy,
        GatewayOptions options,
        TimeProvider time,
        GatewayTelemetry telemetry,
        ILogger<RenewalService> logger)
    {
        _certificates = certificates;
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
        var now = _time.GetUtcNow();
        var active = await _certificates.ListCertificatesAsync(new CertificateQuery { Status = CertificateStatus.Active }, cancellationToken).ConfigureAwait(false);
        var revoked = await _certificates.ListCertificatesAsync(new CertificateQuery { Status = CertificateStatus.Revoked }, cancellationToken).ConfigureAwait(false);
        var candidates = new List<(CertificateRecord Certificate, RenewalReason Reason)>();
        var items = new ConcurrentBag<RenewalItem>();
        var activeAddresses = new HashSet<string>(StringComparer.Ordinal);
        foreach (var certificate in active)
        {
            activeAddresses.Add(certificate.Address);
            if (CheckRevocationAtCa && !dryRun && await IsRevokedAtCaAsync(certificate, cancellationToken).ConfigureAwait(false))
            {
                GatewayLog.FoundRevoked(_logger, certificate.Address, certificate.SerialNumber);
                await _certificates.SetCertificateStatusAsync(certificate.Id, CertificateStatus.Revoked, cancellationToken).ConfigureAwait(false);
                await _audit.AppendAsync(new AuditEntry(now, "certificate.revoked-at-ca", certificate.Address, $"serial {certificate.SerialNumber}"), cancellationToken).ConfigureAwait(false);
                candidates.Add((certificate, RenewalReason.Revoked));
                continue;
            }

            var overlap = TimeSpan.FromDays(_domains.FindByAddress(certificate.Address)?.OverlapDays ?? _options.Renewal.OverlapDays);
            try
            {
                if (_policy.IsDue(certificate, overlap))
                {
                    candidates.Add((certificate, RenewalReason.Due));
                }
            }
            catch (MpkiException ex) when (ex.Kind == MpkiErrorKind.Configuration)
            {
                // renewing a certificate shorter than its overlap would renew it forever: report it instead
                GatewayLog.RenewalMisfit(_logger, certificate.Address, certificate.SerialNumber, ex.Message);
                items.Add(new RenewalItem(certificate.Address, certificate.SerialNumber, certificate.NotAfter, RenewalReason.Due, RenewalResult.Failed, ex.Message));
            }
        }

        foreach (var certificate in revoked.Where(r => !activeAddresses.Contains(r.Address)).GroupBy(r => r.Address).Select(g => g.MaxBy(c => c.NotAfter)!))
        {
            candidates.Add((certificate, RenewalReason.Revoked));
        }

        await Parallel.ForEachAsync(
            candidates,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.MaxConcurrentMessages), CancellationToken = cancellationToken },
            async (candidate, ct) => items.Add(await RenewOneAsync(candidate.Certificate, candidate.Reason, dryRun, now, ct).ConfigureAwait(false))).ConfigureAwait(false);

        var renewed = items.Where(i => i.Result is RenewalResult.Renewed).Select(i => i.Address).ToHashSet(StringComparer.Ordinal);
        var warnBefore = now + TimeSpan.FromDays(_options.Renewal.ExpiryWarningDays);
        var expiring = active
            .Where(c => c.NotAfter <= warnBefore && !renewed.Contains(c.Address))
            .Select(c => new ExpiringCertificate(c.Address, c.SerialNumber, c.NotAfter))
            .ToList();
        foreach (var certificate in expiring)
        {
            GatewayLog.ExpiringSoon(_logger, certificate.Address, certificate.SerialNumber, certificate.NotAfter);
        }

        _telemetry.Expiring(expiring.Count);
        return new RenewalReport(dryRun, active.Count + revoked.Count, items.OrderBy(i => i.Address, StringComparer.Ordinal).ToList(), expiring);
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

            var jitter = _options.Renewal.Jitter > TimeSpan.Zero
                ? TimeSpan.FromTicks(Random.Shared.NextInt64(_options.Renewal.Jitter.Ticks))
                : TimeSpan.Zero;
            try
            {
                await Task.Delay(_options.Renewal.CheckInterval + jitter, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<RenewalItem> RenewOneAsync(CertificateRecord certificate, RenewalReason reason, bool dryRun, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var why = reason == RenewalReason.Revoked ? "revoked" : "within its overlap";
        RenewalItem Item(RenewalResult result, string? detail) => new(certificate.Address, certificate.SerialNumber, certificate.NotAfter, reason, result, detail);

        var domain = _domains.FindByAddress(certificate.Address);
        if (domain is null)
        {
            return Item(RenewalResult.NotManaged, "its domain is no longer managed");
        }

        if (_backoff.TryGetValue(certificate.Address, out var backoff) && backoff.NextAttempt > now)
        {
            return Item(RenewalResult.BackingOff, string.Create(CultureInfo.InvariantCulture, $"after {backoff.Failures} failure(s), next attempt not before {backoff.NextAttempt:O}"));
        }

        GatewayLog.RenewalDue(_logger, certificate.Address, certificate.SerialNumber, why, certificate.NotAfter);
        if (dryRun)
        {
            return Item(RenewalResult.Planned, why);
        }

        var result = await _issuance.GetOrStart(new IssuanceTarget(certificate.Address, null, domain, certificate.Id)).WaitAsync(cancellationToken).ConfigureAwait(false);
        switch (result)
        {
            case GatewayIssuance.Issued issued:
                _backoff.TryRemove(certificate.Address, out _);
                _telemetry.Renewal("renewed");
                GatewayLog.Renewed(_logger, certificate.Address, issued.Certificate.SerialNumber, certificate.SerialNumber);
                await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "certificate.renewed", certificate.Address, $"serial {issued.Certificate.SerialNumber} replaces {certificate.SerialNumber} ({why})"), cancellationToken).ConfigureAwait(false);
                return Item(RenewalResult.Renewed, $"new serial {issued.Certificate.SerialNumber}");
            case GatewayIssuance.Pending pending:
                _telemetry.Renewal("pending");
                return Item(RenewalResult.Pending, pending.Status);
            case GatewayIssuance.Failed failed:
                var failures = (_backoff.TryGetValue(certificate.Address, out var previous) ? previous.Failures : 0) + 1;
                var wait = TimeSpan.FromTicks(Math.Min(_options.Renewal.MaxBackoff.Ticks, _options.Renewal.InitialBackoff.Ticks * (1L << Math.Min(failures - 1, 20))));
                var next = _time.GetUtcNow() + wait;
                _backoff[certificate.Address] = (failures, next);
                _telemetry.Renewal("failed");
                GatewayLog.RenewalFailed(_logger, certificate.Address, next, failed.Reason);
                await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "certificate.renewal-failed", certificate.Address, failed.Reason), cancellationToken).ConfigureAwait(false);
                return Item(RenewalResult.Failed, failed.Reason);
            default:
                return Item(RenewalResult.Failed, "unknown result");
        }
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
                .CollectAsync(new MpkiOrder(certificate.ProviderOrderId, certificate.OrderId ?? certificate.Id), cancellationToken).ConfigureAwait(false);
            return answer is MpkiCollectResult.Rejected;
        }
        catch (MpkiException)
        {
            return false; // cannot tell now; the next check asks again
        }
    }
}
