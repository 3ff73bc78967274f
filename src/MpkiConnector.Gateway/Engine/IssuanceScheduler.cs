using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Engine;

/// <summary>
/// Runs issuances in the background: one at a time per address (callers for the same address share one task), a
/// bounded number at once per provider account, and no new order for an address whose last order failed for good
/// within <see cref="FirstMailOptions.FailedIssuanceParkTime"/>. A caller waiting for a certificate may stop waiting
/// (the Hold bound) without stopping the issuance.
/// </summary>
internal sealed class IssuanceScheduler : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task<GatewayIssuance>> _inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _accountGates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string Reason)> _parked = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ICertificateIssuer _issuer;
    private readonly IOrderJournal _journal;
    private readonly ICertificateStore _certificates;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;
    private int _issued;
    private int _disposed;

    public IssuanceScheduler(ICertificateIssuer issuer, IOrderJournal journal, ICertificateStore certificates, GatewayOptions options, TimeProvider time, GatewayTelemetry telemetry, ILogger<IssuanceScheduler> logger)
    {
        _issuer = issuer;
        _journal = journal;
        _certificates = certificates;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Certificates issued since this scheduler started.</summary>
    public int IssuedCount => Volatile.Read(ref _issued);

    /// <summary>The issuance of the target's address: the one already running, or a new one.</summary>
    public Task<GatewayIssuance> GetOrStart(IssuanceTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        while (true)
        {
            if (_inFlight.TryGetValue(target.Address, out var running))
            {
                return running;
            }

            var start = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = RunAsync(target, start.Task);
            if (_inFlight.TryAdd(target.Address, task))
            {
                start.SetResult(true);
                return task;
            }

            start.SetResult(false);
        }
    }

    /// <summary>Waits for every running issuance (at the end of a run).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (!_inFlight.IsEmpty)
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Forgets that an address's issuance failed (a new configuration, a manual retry).</summary>
    public void Unpark(string address) => _parked.TryRemove(address, out _);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_inFlight.Values).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
        foreach (var gate in _accountGates.Values)
        {
            gate.Dispose();
        }
    }

    private async Task<GatewayIssuance> RunAsync(IssuanceTarget target, Task<bool> start)
    {
        if (!await start.ConfigureAwait(false))
        {
            return new GatewayIssuance.Failed("superseded by a concurrent request", Permanent: false);
        }

        try
        {
            return await IssueAsync(target, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(target.Address, out _);
        }
    }

    private async Task<GatewayIssuance> IssueAsync(IssuanceTarget target, CancellationToken cancellationToken)
    {
        var address = target.Address;
        if (target.RenewsCertificateId is null)
        {
            // A caller may have looked in the store just before an earlier issuance for the address finished.
            var active = await _certificates.GetActiveCertificateAsync(address, cancellationToken).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            if (active is { Status: CertificateStatus.Active } && active.NotBefore <= now && now < active.NotAfter)
            {
                return new GatewayIssuance.Issued(active, AlreadyThere: true);
            }

            if (await ParkedAsync(address, cancellationToken).ConfigureAwait(false) is { } parked)
            {
                return parked;
            }
        }

        var gate = _accountGates.GetOrAdd(target.Domain.ProviderName, name =>
            new SemaphoreSlim(_options.Providers.TryGetValue(name, out var account) ? Math.Max(1, account.MaxConcurrentIssuances) : 4));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        GatewayIssuance result;
        try
        {
            GatewayLog.IssuanceStarted(_logger, address, target.Domain.ProviderName);
            result = await _issuer.IssueAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (MpkiException ex)
        {
            var reason = ex.Remediation is null ? ex.Message : $"{ex.Message} Fix: {ex.Remediation}";
            result = new GatewayIssuance.Failed(reason, Permanent: !ex.IsTransient);
        }
#pragma warning disable CA1031 // one sender's failure must not stop the gateway; it is logged and reported
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = new GatewayIssuance.Failed($"{ex.GetType().Name}: {ex.Message}", Permanent: false);
        }
        finally
        {
            gate.Release();
        }

        var elapsed = _time.GetElapsedTime(started);
        switch (result)
        {
            case GatewayIssuance.Issued { AlreadyThere: true }:
                break;
            case GatewayIssuance.Issued issued:
                Interlocked.Increment(ref _issued);
                _telemetry.Issuance(target.Domain.ProviderName, "issued", elapsed);
                GatewayLog.IssuanceEnded(_logger, address, $"issued, serial {issued.Certificate.SerialNumber}");
                break;
            case GatewayIssuance.Pending pending:
                _telemetry.Issuance(target.Domain.ProviderName, "pending", elapsed);
                GatewayLog.IssuanceEnded(_logger, address, $"pending at the CA ({pending.Status})");
                break;
            case GatewayIssuance.Failed failed:
                _telemetry.Issuance(target.Domain.ProviderName, failed.Permanent ? "failed" : "failed_transient", elapsed);
                GatewayLog.IssuanceFailed(_logger, address, failed.Reason);
                if (failed.Permanent && _options.FirstMail.FailedIssuanceParkTime > TimeSpan.Zero)
                {
                    _parked[address] = (_time.GetUtcNow() + _options.FirstMail.FailedIssuanceParkTime, failed.Reason);
                }

                break;
        }

        return result;
    }

    private async Task<GatewayIssuance.Failed?> ParkedAsync(string address, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var parkTime = _options.FirstMail.FailedIssuanceParkTime;
        if (_parked.TryGetValue(address, out var parked) && parked.Until > now)
        {
            return new GatewayIssuance.Failed(parked.Reason, Permanent: true);
        }

        if (parkTime <= TimeSpan.Zero)
        {
            return null;
        }

        // Durable: a failure recorded in the journal by an earlier run parks the address as well.
        var orders = await _journal.ListOrdersAsync(address, cancellationToken).ConfigureAwait(false);
        var last = orders.Count > 0 ? orders[0] : null;
        if (last is { State: OrderState.Rejected or OrderState.Failed } && last.UpdatedAt + parkTime > now)
        {
            var reason = last.LastError ?? $"the last order was {last.State.ToString().ToLowerInvariant()}";
            _parked[address] = (last.UpdatedAt + parkTime, reason);
            GatewayLog.IssuanceParked(_logger, address, last.UpdatedAt + parkTime, reason);
            return new GatewayIssuance.Failed(reason, Permanent: true);
        }

        return null;
    }
}
