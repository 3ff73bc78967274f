using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>The journaled issuance coordinator: the per-address gate and the start of an issuance.</summary>
internal sealed partial class IssuanceService : IIssuanceService, IDisposable
{
    private readonly IMpkiProviderCatalog _providers;
    private readonly IReadOnlyList<IKeyProvider> _keyProviders;
    private readonly IOrderJournal _journal;
    private readonly ICertificateStore _certificates;
    private readonly IKeyStore _keys;
    private readonly IAuditLog _audit;
    private readonly CertificateValidator _validator;
    private readonly IssuanceOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IssuanceMetrics _metrics;
    private readonly Dictionary<string, Task<IssuanceResult>> _inflight = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _owned = new(StringComparer.Ordinal);

    public IssuanceService(
        IMpkiProviderCatalog providers,
        IEnumerable<IKeyProvider> keyProviders,
        IOrderJournal journal,
        ICertificateStore certificates,
        IKeyStore keys,
        IAuditLog audit,
        CertificateValidator validator,
        IOptions<IssuanceOptions> options,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        IMeterFactory? meterFactory = null,
        IKeyPoolStore? keyPool = null,
        IProviderTrustStore? trust = null)
    {
        _providers = providers;
        _keyProviders = keyProviders.ToArray();
        _journal = journal;
        _certificates = certificates;
        _keys = keys;
        _audit = audit;
        _validator = validator;
        _trust = trust;
        _options = options.Value;
        _time = time;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<IssuanceService>();
        _metrics = new IssuanceMetrics(meterFactory);
        _pool = CreatePool(_options, _keyProviders, keyPool, _logger, _stopping.Token);
    }

    public Task<IssuanceResult> IssueAsync(IssuanceRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ProviderName);
        string address;
        try
        {
            address = request.Kind == MpkiCertificateKind.Device
                ? DeviceName.Normalize(request.Address)
                : EmailAddress.Normalize(request.Address);
        }
        catch (MpkiException ex)
        {
            return Task.FromResult<IssuanceResult>(new IssuanceResult.Failed(ex.Message, ex.Kind) { Address = request.Address ?? string.Empty });
        }

        var normalised = request with { Address = address };
        return Shared(address, () => RunAsync(address, normalised, _stopping.Token)).WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<IssuanceResult>> ResumeOpenOrdersAsync(CancellationToken cancellationToken = default)
    {
        await SweepUnreferencedKeysAsync(cancellationToken).ConfigureAwait(false);
        var open = await _journal.ListOpenOrdersAsync(cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var tasks = open
            .DistinctBy(o => o.Address, StringComparer.Ordinal)
            .Select(o => o.NextAttemptAt > now
                ? Task.FromResult<IssuanceResult>(new IssuanceResult.Pending(o.Id, o.NextAttemptAt, o.LastError ?? "waiting for the next attempt") { Address = o.Address })
                : Shared(o.Address, () => RunAsync(o.Address, null, _stopping.Token)).WaitAsync(cancellationToken));
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
        _metrics.Dispose();
    }

    private Task<IssuanceResult> Shared(string address, Func<Task<IssuanceResult>> run)
    {
        lock (_inflight)
        {
            if (_inflight.TryGetValue(address, out var running))
            {
                return running;
            }

            var task = Task.Run(run);
            _inflight[address] = task;
            _ = task.ContinueWith(
                completed =>
                {
                    lock (_inflight)
                    {
                        if (_inflight.TryGetValue(address, out var current) && current == completed)
                        {
                            _inflight.Remove(address);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
            return task;
        }
    }

    /// <summary>Adopts the address's open order, or (with a request) starts a new one.</summary>
    private async Task<IssuanceResult> RunAsync(string address, IssuanceRequest? request, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.MpkiActivitySources.Source.StartActivity("mpki.issue")?.SetTag("mpki.provider", request?.ProviderName);
        for (var round = 0; round < 3; round++)
        {
            var open = await _journal.GetOpenOrderAsync(address, cancellationToken).ConfigureAwait(false);
            if (open is not null)
            {
                var leaseEnd = open.UpdatedAt + _options.IntentLease;
                if (open.State == OrderState.Intent && !_owned.ContainsKey(open.Id) && leaseEnd > _time.GetUtcNow())
                {
                    return new IssuanceResult.Pending(open.Id, leaseEnd, "another process may be submitting this order") { Address = address };
                }

                _owned.TryAdd(open.Id, 0);
                IssuanceLog.OrderAdopted(_logger, open.Id, address, open.State);
                await AuditAsync("order.adopted", open, $"state {open.State}, attempts {open.Attempts}", cancellationToken).ConfigureAwait(false);
                return await ContinueAsync(open, cancellationToken).ConfigureAwait(false);
            }

            if (request is null)
            {
                var active = await _certificates.GetActiveCertificateAsync(address, cancellationToken).ConfigureAwait(false);
                return active is not null
                    ? new IssuanceResult.Issued(active) { Address = address, AlreadyActive = true }
                    : new IssuanceResult.Failed("No open order to resume.", MpkiErrorKind.NotFound) { Address = address };
            }

            var started = await StartAsync(address, request, cancellationToken).ConfigureAwait(false);
            if (started is not null)
            {
                return started;
            }
        }

        return new IssuanceResult.Failed("Another process keeps opening and closing orders for this address; try again.", MpkiErrorKind.Unavailable) { Address = address };
    }

    /// <summary>Starts a new order; returns null when another order was opened for the address meanwhile (adopt it).</summary>
    private async Task<IssuanceResult?> StartAsync(string address, IssuanceRequest request, CancellationToken cancellationToken)
    {
        using var activity = Diagnostics.MpkiActivitySources.Source.StartActivity("mpki.issue.prepare");
        var now = _time.GetUtcNow();
        if (await UsableCertificateAsync(address, request, cancellationToken).ConfigureAwait(false) is { } active)
        {
            return new IssuanceResult.Issued(active) { Address = address, AlreadyActive = true };
        }

        IMpkiProvider provider;
        IKeyProvider keyProvider;
        try
        {
            provider = _providers.Get(request.ProviderName);
            if (request.Kind == MpkiCertificateKind.Device && !provider.Capabilities.HasFlag(MpkiCapabilities.DeviceCertificates))
            {
                throw new MpkiException(MpkiErrorKind.Configuration, $"The provider account '{provider.Name}' cannot enroll device certificates.");
            }

            keyProvider = _keyProviders.GetByKind(request.KeyProviderKind);
        }
        catch (MpkiException ex)
        {
            return new IssuanceResult.Failed(ex.ReasonWithFix, ex.Kind) { Address = address };
        }

        var order = new OrderRecord
        {
            Id = Guid.NewGuid().ToString("D"),
            Address = address,
            Kind = request.Kind,
            ProviderName = provider.Name,
            KeyId = string.Empty,
            CsrPem = string.Empty,
            State = OrderState.Intent,
            CertificateType = request.CertificateType,
            TermDays = request.TermDays,
            OrganizationId = request.OrganizationId,
            DisplayName = request.DisplayName,
            RenewsCertificateId = request.RenewsCertificateId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        _owned.TryAdd(order.Id, 0);
        (PooledOrderOpening Outcome, OrderRecord Order)? pooled;
        try
        {
            pooled = await TryOpenWithPooledKeyAsync(keyProvider, request, order, cancellationToken).ConfigureAwait(false);
        }
        catch (MpkiException ex)
        {
            return new IssuanceResult.Failed(ex.ReasonWithFix, ex.Kind) { Address = address };
        }

        if (pooled is { } taken)
        {
            if (taken.Outcome == PooledOrderOpening.OrderExists)
            {
                return null;
            }

            order = taken.Order;
        }
        else
        {
            var (created, failed) = await OpenWithNewKeyAsync(keyProvider, request, order, cancellationToken).ConfigureAwait(false);
            if (created is null)
            {
                return failed;
            }

            order = created;
        }

        // Our intent is the address's lock now: another process (node) may have finished an issuance for it since the
        // check above (the key took a while), and then nothing must be ordered.
        if (await UsableCertificateAsync(address, request, cancellationToken).ConfigureAwait(false) is { } issuedMeanwhile)
        {
            var notNeeded = $"not needed: certificate {issuedMeanwhile.Id} was issued meanwhile";
            await UpdateAsync(order with { State = OrderState.Failed, LastError = notNeeded, UpdatedAt = _time.GetUtcNow() }, [Entry("order.failed", order, notNeeded)], cancellationToken).ConfigureAwait(false);
            _owned.TryRemove(order.Id, out _);
            await keyProvider.DeleteAsync(order.KeyId, cancellationToken).ConfigureAwait(false);
            return new IssuanceResult.Issued(issuedMeanwhile) { Address = address };
        }

        IssuanceLog.OrderOpened(_logger, order.Id, address, provider.Name, order.KeyId);
        if (pooled is not null)
        {
            await AppendAsync([IntentEntry(order, request)], cancellationToken).ConfigureAwait(false); // the pool opened it in its own transaction
        }
        return await ContinueAsync(order, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The address's active certificate when it serves the request now (same kind, valid, not the one being renewed).</summary>
    private async Task<CertificateRecord?> UsableCertificateAsync(string address, IssuanceRequest request, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var active = await _certificates.GetActiveCertificateAsync(address, cancellationToken).ConfigureAwait(false);
        return active is not null && active.Kind == request.Kind && active.IsUsableAt(now)
            && (request.RenewsCertificateId is null || !string.Equals(active.Id, request.RenewsCertificateId, StringComparison.Ordinal))
            ? active
            : null;
    }

    /// <summary>
    /// Generates the order's key and journals the order. No order when the CSR could not be made (with the failure) or
    /// another order was opened for the address meanwhile (without: adopt it).
    /// </summary>
    private async Task<(OrderRecord? Order, IssuanceResult? Failed)> OpenWithNewKeyAsync(IKeyProvider keyProvider, IssuanceRequest request, OrderRecord order, CancellationToken cancellationToken)
    {
        using var key = await keyProvider.CreateAsync(request.KeyAlgorithm, cancellationToken).ConfigureAwait(false);
        try
        {
            order = order with { KeyId = key.KeyId, CsrPem = CsrBuilder.Create(key, request.Kind, order.Address, request.DisplayName) };
        }
        catch (MpkiException ex)
        {
            await keyProvider.DeleteAsync(key.KeyId, cancellationToken).ConfigureAwait(false);
            return (null, new IssuanceResult.Failed(ex.ReasonWithFix, ex.Kind) { Address = order.Address });
        }

        if (await TryOpenAsync(order, [IntentEntry(order, request)], cancellationToken).ConfigureAwait(false))
        {
            return (order, null);
        }

        await keyProvider.DeleteAsync(key.KeyId, cancellationToken).ConfigureAwait(false);
        return (null, null);
    }
}
