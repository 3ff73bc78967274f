using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Engine;

/// <summary>
/// Runs the core issuance service (<see cref="IIssuanceService"/>, which shares one issuance per address and keeps every
/// retry-after and back-off in the journal) for the gateway: in the background, so that a caller waiting for a
/// certificate may stop waiting (the Hold bound) without stopping the issuance; a bounded number at once per provider
/// account; and no new order for an address whose last order in the journal failed for good within
/// <see cref="FirstMailOptions.FailedIssuanceParkTime"/>.
/// </summary>
internal sealed class IssuanceScheduler : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _accountGates = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly ConcurrentDictionary<string, byte> _issued = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<IssuanceResult>> _byAddress = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _resumeLock = new();
    private readonly IIssuanceService _issuance;
    private readonly IOrderJournal _journal;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly GatewayTelemetry _telemetry;
    private readonly ILogger _logger;
    private Task _resuming = Task.CompletedTask;
    private int _disposed;

    public IssuanceScheduler(IIssuanceService issuance, IOrderJournal journal, GatewayOptions options, TimeProvider time, GatewayTelemetry telemetry, ILogger<IssuanceScheduler> logger)
    {
        _issuance = issuance;
        _journal = journal;
        _options = options;
        _time = time;
        _telemetry = telemetry;
        _logger = logger;
    }

    /// <summary>Certificates issued (newly stored) since this scheduler started.</summary>
    public int IssuedCount => _issued.Count;

    /// <summary>The request for a certificate of a managed domain's address (a renewal when <paramref name="renewsCertificateId"/> is set).</summary>
    public static IssuanceRequest RequestFor(ManagedDomain domain, string address, string? displayName, string? renewsCertificateId)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return new IssuanceRequest(address, domain.ProviderName)
        {
            CertificateType = domain.CertificateType,
            TermDays = domain.TermDays,
            OrganizationId = domain.OrganizationId,
            KeyAlgorithm = domain.KeyAlgorithm,
            DisplayName = displayName,
            RenewsCertificateId = renewsCertificateId,
        };
    }

    /// <summary>
    /// Starts, or joins while it runs, the issuance for the request's address; the task outlives the caller's wait. Joining
    /// here (not only in the core service) matters: a message that passed the park check while another message's order for
    /// the same sender was being refused must get that refusal, not place a second order right after it.
    /// </summary>
    public Task<IssuanceResult> IssueAsync(IssuanceRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = request.Address + "|" + request.RenewsCertificateId;
        lock (_byAddress)
        {
            if (_byAddress.TryGetValue(key, out var running))
            {
                return running;
            }

            var task = Track(Task.Run(() => RunAsync(request, _stopping.Token)));
            _byAddress[key] = task;
            _ = task.ContinueWith(
                done =>
                {
                    lock (_byAddress)
                    {
                        if (_byAddress.TryGetValue(key, out var current) && current == done)
                        {
                            _byAddress.Remove(key);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return task;
        }
    }

    /// <summary>
    /// Resumes the journal's open orders that are due, in the background (one resume at a time: a call while one runs
    /// joins it). The returned task may be awaited or left to <see cref="DrainAsync"/>.
    /// </summary>
    public Task ResumeOpenOrders()
    {
        lock (_resumeLock)
        {
            if (_resuming.IsCompleted)
            {
                _resuming = Track(Task.Run(() => ResumeAsync(_stopping.Token)));
            }

            return _resuming;
        }
    }

    /// <summary>Waits for every running issuance (at the end of a run).</summary>
    public async Task DrainAsync(CancellationToken cancellationToken = default)
    {
        while (!_running.IsEmpty)
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
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

    private Task<T> Track<T>(Task<T> task)
    {
        _running.TryAdd(task, 0);
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    private async Task<IssuanceResult> RunAsync(IssuanceRequest request, CancellationToken cancellationToken)
    {
        var address = request.Address;
        if (request.RenewsCertificateId is null && await ParkedAsync(address, cancellationToken).ConfigureAwait(false) is { } parked)
        {
            return parked;
        }

        var gate = _accountGates.GetOrAdd(request.ProviderName, name =>
            new SemaphoreSlim(_options.Providers.TryGetValue(name, out var account) ? Math.Max(1, account.MaxConcurrentIssuances) : ProviderAccountOptions.DefaultMaxConcurrentIssuances));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = _time.GetTimestamp();
        IssuanceResult result;
        try
        {
            GatewayLog.IssuanceStarted(_logger, address, request.ProviderName);
            result = await _issuance.IssueAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // one sender's failure must not stop the gateway; it is logged and reported
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result = new IssuanceResult.Failed($"{ex.GetType().Name}: {ex.Message}", MpkiErrorKind.Unavailable) { Address = address };
        }
        finally
        {
            gate.Release();
        }

        Report(request.ProviderName, result, _time.GetElapsedTime(started));
        return result;
    }

    private async Task<IReadOnlyList<IssuanceResult>> ResumeAsync(CancellationToken cancellationToken)
    {
        var results = await _issuance.ResumeOpenOrdersAsync(cancellationToken).ConfigureAwait(false);
        foreach (var result in results)
        {
            Report(provider: null, result, TimeSpan.Zero);
        }

        return results;
    }

    private void Report(string? provider, IssuanceResult result, TimeSpan elapsed)
    {
        switch (result)
        {
            case IssuanceResult.Issued { AlreadyActive: true }:
                return;
            case IssuanceResult.Issued issued:
                if (_issued.TryAdd(issued.Certificate.Id, 0))
                {
                    GatewayLog.IssuanceEnded(_logger, result.Address, $"issued, serial {issued.Certificate.SerialNumber}");
                }

                break;
            case IssuanceResult.Pending pending:
                GatewayLog.IssuanceEnded(_logger, result.Address, $"not issued yet ({pending.Status}); next attempt at {pending.NextAttemptAt:O}");
                break;
            case IssuanceResult.Failed failed:
                GatewayLog.IssuanceFailed(_logger, result.Address, failed.Reason);
                break;
        }

        if (provider is not null)
        {
            var outcome = result switch
            {
                IssuanceResult.Issued => "issued",
                IssuanceResult.Pending => "pending",
                IssuanceResult.Failed { OrderStillOpen: true } => "failed_open",
                _ => "failed",
            };
            _telemetry.Issuance(provider, outcome, elapsed);
        }
    }

    /// <summary>The journal's word on an address whose last order failed for good within the park time.</summary>
    private async Task<IssuanceResult.Failed?> ParkedAsync(string address, CancellationToken cancellationToken)
    {
        var parkTime = _options.FirstMail.FailedIssuanceParkTime;
        if (parkTime <= TimeSpan.Zero)
        {
            return null;
        }

        var orders = await _journal.ListOrdersAsync(address, cancellationToken).ConfigureAwait(false);
        var last = orders.Count > 0 ? orders[0] : null;
        if (last is not { State: OrderState.Rejected or OrderState.Failed } || last.UpdatedAt + parkTime <= _time.GetUtcNow())
        {
            return null;
        }

        var until = last.UpdatedAt + parkTime;
        var reason = last.LastError ?? $"the last order was {last.State.ToString().ToLowerInvariant()}";
        GatewayLog.IssuanceParked(_logger, address, until, reason);
        return new IssuanceResult.Failed($"{reason} (no new order for this address before {until:u})", last.State == OrderState.Rejected ? MpkiErrorKind.Rejected : MpkiErrorKind.Unavailable)
        {
            Address = address,
            OrderId = last.Id,
        };
    }
}
