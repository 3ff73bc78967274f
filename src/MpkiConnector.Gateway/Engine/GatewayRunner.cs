using Microsoft.Extensions.Logging;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Spool;

namespace MpkiConnector.Gateway.Engine;

/// <summary>Runs the message pipeline over the folders: once, or continuously.</summary>
internal sealed class GatewayRunner
{
    private readonly MessageProcessor _processor;
    private readonly IssuanceScheduler _issuance;
    private readonly DomainDirectory _domains;
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public GatewayRunner(MessageProcessor processor, IssuanceScheduler issuance, DomainDirectory domains, GatewayOptions options, TimeProvider time, ILogger<GatewayRunner> logger)
    {
        _processor = processor;
        _issuance = issuance;
        _domains = domains;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public MailFolders DefaultFolders() => new(_options.Folders.Spool, _options.Folders.Outbox, _options.Folders.Deferred, _options.Folders.Rejected);

    /// <summary>
    /// Resumes the journal's open orders that are due, processes every message in the spool and every deferred message
    /// that is due (all of them when <paramref name="retryAllDeferred"/>), then (with <paramref name="drainIssuances"/>)
    /// waits for the issuances it started, and says what it did.
    /// </summary>
    public async Task<GatewayRunSummary> RunOnceAsync(MailFolders folders, bool retryAllDeferred, bool drainIssuances, CancellationToken cancellationToken = default)
    {
        folders.EnsureCreated();
        await _domains.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var issuedBefore = _issuance.IssuedCount;
        _ = _issuance.ResumeOpenOrders(); // first: open orders that are due continue, with or without new mail from their sender
        var counters = new RunCounters();
        var deferred = await folders.ListDeferredAsync(retryAllDeferred ? null : _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var items = deferred.Concat(folders.ListSpool()).ToArray();
        await Parallel.ForEachAsync(
            items,
            new ParallelOptions { MaxDegreeOfParallelism = _options.MaxConcurrentMessages, CancellationToken = cancellationToken },
            async (item, ct) => counters.Add(await _processor.ProcessAsync(item, folders, ct).ConfigureAwait(false))).ConfigureAwait(false);
        if (drainIssuances)
        {
            await _issuance.DrainAsync(cancellationToken).ConfigureAwait(false);
        }

        var summary = counters.ToSummary(_issuance.IssuedCount - issuedBefore) with
        {
            Outbox = folders.Outbox,
            DeferredFolder = folders.Deferred,
            RejectedFolder = folders.Rejected,
        };
        GatewayLog.RunFinished(_logger, summary);
        return summary;
    }

    /// <summary>Processes the folders again and again, every <paramref name="pollInterval"/>, until cancelled.</summary>
    public async Task RunContinuouslyAsync(MailFolders folders, TimeSpan pollInterval, Action<GatewayRunSummary>? onPass, CancellationToken cancellationToken = default)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var summary = await RunOnceAsync(folders, retryAllDeferred: false, drainIssuances: false, cancellationToken).ConfigureAwait(false);
            if (summary.Processed > 0)
            {
                onPass?.Invoke(summary);
            }

            try
            {
                await Task.Delay(pollInterval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
