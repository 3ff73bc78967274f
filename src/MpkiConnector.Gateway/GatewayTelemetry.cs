using System.Diagnostics.Metrics;

namespace MpkiConnector.Gateway;

/// <summary>
/// The gateway's metrics (<see cref="System.Diagnostics.Metrics"/>). Under the meter <see cref="MeterName"/>:
/// <c>mpki.gateway.messages</c> (tag <c>outcome</c>), <c>mpki.gateway.issuances</c> (tags <c>provider</c>, <c>result</c>),
/// <c>mpki.gateway.issuance.duration</c> (seconds), <c>mpki.gateway.renewals</c> (tag <c>result</c>),
/// <c>mpki.gateway.certificates.harvested</c> and <c>mpki.gateway.certificates.expiring</c> (found by each renewal check).
/// Under the meter <see cref="SmtpMeterName"/> (scoped to this instance, so a listener can tell two gateways apart), the
/// SMTP side of <c>gateway serve</c>: <c>mpki.smtp.sessions</c> (started), <c>mpki.smtp.sessions.active</c>,
/// <c>mpki.smtp.messages.accepted</c>, <c>mpki.smtp.messages.deferred</c> (answered 4xx), <c>mpki.smtp.messages.refused</c>
/// (answered 5xx, tag <c>reason</c>), <c>mpki.smtp.messages.relayed</c> and <c>mpki.smtp.relay.failures</c> (tag
/// <c>kind</c>: transient or permanent).
/// </summary>
public sealed class GatewayTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MpkiConnector.Gateway";

    /// <summary>The SMTP meter's name.</summary>
    public const string SmtpMeterName = "MpkiConnector.Gateway.Smtp";

    private readonly Meter _meter;
    private readonly Meter _smtpMeter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _issuances;
    private readonly Histogram<double> _issuanceDuration;
    private readonly Counter<long> _renewals;
    private readonly Counter<long> _harvested;
    private readonly Counter<long> _expiring;
    private readonly Counter<long> _sessions;
    private readonly UpDownCounter<long> _activeSessions;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _deferred;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _relayed;
    private readonly Counter<long> _relayFailures;

    /// <summary>Creates the instruments.</summary>
    public GatewayTelemetry()
    {
        _meter = new Meter(MeterName, "1.0");
        _messages = _meter.CreateCounter<long>("mpki.gateway.messages", "{message}", "Messages processed, by outcome.");
        _issuances = _meter.CreateCounter<long>("mpki.gateway.issuances", "{issuance}", "Issuances finished, by provider account and result.");
        _issuanceDuration = _meter.CreateHistogram<double>("mpki.gateway.issuance.duration", "s", "Time from the start of an issuance to its end.");
        _renewals = _meter.CreateCounter<long>("mpki.gateway.renewals", "{renewal}", "Renewals, by result.");
        _harvested = _meter.CreateCounter<long>("mpki.gateway.certificates.harvested", "{certificate}", "Recipient certificates harvested from verified signed mail.");
        _expiring = _meter.CreateCounter<long>("mpki.gateway.certificates.expiring", "{certificate}", "Certificates found close to expiry without a successful renewal.");
        _smtpMeter = new Meter(SmtpMeterName, "1.0", tags: null, scope: this);
        _sessions = _smtpMeter.CreateCounter<long>("mpki.smtp.sessions", "{session}", "SMTP sessions started.");
        _activeSessions = _smtpMeter.CreateUpDownCounter<long>("mpki.smtp.sessions.active", "{session}", "SMTP sessions in progress.");
        _accepted = _smtpMeter.CreateCounter<long>("mpki.smtp.messages.accepted", "{message}", "Messages answered 250 (durably in the outbox).");
        _deferred = _smtpMeter.CreateCounter<long>("mpki.smtp.messages.deferred", "{message}", "Messages answered 4xx so the client retries (first mail of a sender, a temporary failure).");
        _refused = _smtpMeter.CreateCounter<long>("mpki.smtp.messages.refused", "{message}", "Messages or commands answered 5xx, by reason.");
        _relayed = _smtpMeter.CreateCounter<long>("mpki.smtp.messages.relayed", "{message}", "Messages the next hop accepted.");
        _relayFailures = _smtpMeter.CreateCounter<long>("mpki.smtp.relay.failures", "{failure}", "Failed relay attempts, by kind (transient, permanent).");
    }

    internal void Message(string outcome) => _messages.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    internal void Issuance(string provider, string result, TimeSpan duration)
    {
        _issuances.Add(1, new("provider", provider), new("result", result));
        _issuanceDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("provider", provider));
    }

    internal void Renewal(string result) => _renewals.Add(1, new KeyValuePair<string, object?>("result", result));

    internal void Harvested() => _harvested.Add(1);

    internal void Expiring(long count) => _expiring.Add(count);

    internal void SmtpSessionStarted()
    {
        _sessions.Add(1);
        _activeSessions.Add(1);
    }

    internal void SmtpSessionEnded() => _activeSessions.Add(-1);

    internal void SmtpAccepted() => _accepted.Add(1);

    internal void SmtpDeferred() => _deferred.Add(1);

    internal void SmtpRefused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void Relayed() => _relayed.Add(1);

    internal void RelayFailed(bool permanent) => _relayFailures.Add(1, new KeyValuePair<string, object?>("kind", permanent ? "permanent" : "transient"));

    /// <inheritdoc />
    public void Dispose()
    {
        _meter.Dispose();
        _smtpMeter.Dispose();
    }
}
