using System.Diagnostics.Metrics;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// The SMTP side's metrics, under the meter <see cref="MeterName"/>: <c>mpki.smtp.sessions</c> (started),
/// <c>mpki.smtp.sessions.active</c>, <c>mpki.smtp.messages.accepted</c>, <c>mpki.smtp.messages.deferred</c> (answered
/// 4xx), <c>mpki.smtp.messages.refused</c> (answered 5xx, tag <c>reason</c>), <c>mpki.smtp.messages.relayed</c> and
/// <c>mpki.smtp.relay.failures</c> (tag <c>kind</c>: transient or permanent).
/// </summary>
public sealed class SmtpTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MpkiConnector.Gateway.Smtp";

    private readonly Meter _meter;
    private readonly Counter<long> _sessions;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _relayed;
    private readonly Counter<long> _relayFailures;

    /// <summary>Creates the instruments (the meter's scope is this instance: a listener can tell two servers apart).</summary>
    public SmtpTelemetry()
    {
        _meter = new Meter(MeterName, "1.0", tags: null, scope: this);
        _sessions = _meter.CreateCounter<long>("mpki.smtp.sessions", "{session}", "SMTP sessions started.");
        _active = _meter.CreateUpDownCounter<long>("mpki.smtp.sessions.active", "{session}", "SMTP sessions in progress.");
        _accepted = _meter.CreateCounter<long>("mpki.smtp.messages.accepted", "{message}", "Messages answered 250 (durably in the outbox).");
        _deferred = _meter.CreateCounter<long>("mpki.smtp.messages.deferred", "{message}", "Messages answered 4xx so the client retries (first mail of a sender, a temporary failure).");
        _refused = _meter.CreateCounter<long>("mpki.smtp.messages.refused", "{message}", "Messages or commands answered 5xx, by reason.");
        _relayed = _meter.CreateCounter<long>("mpki.smtp.messages.relayed", "{message}", "Messages the next hop accepted.");
        _relayFailures = _meter.CreateCounter<long>("mpki.smtp.relay.failures", "{failure}", "Failed relay attempts, by kind (transient, permanent).");
    }

    internal void SessionStarted()
    {
        _sessions.Add(1);
        _active.Add(1);
    }

    internal void SessionEnded() => _active.Add(-1);

    internal void Accepted() => _accepted.Add(1);

    internal void Deferred() => _deferred.Add(1);

    internal void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Relayed() => _relayed.Add(1);

    internal void RelayFailed(bool permanent) => _relayFailures.Add(1, new KeyValuePair<string, object?>("kind", permanent ? "permanent" : "transient"));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
