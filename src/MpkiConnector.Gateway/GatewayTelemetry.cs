using System.Diagnostics.Metrics;

namespace MpkiConnector.Gateway;

/// <summary>
/// The gateway's metrics (<see cref="System.Diagnostics.Metrics"/>), under the meter <see cref="MeterName"/>:
/// <c>mpki.gateway.messages</c> (tag <c>outcome</c>), <c>mpki.gateway.issuances</c> (tags <c>provider</c>, <c>result</c>),
/// <c>mpki.gateway.issuance.duration</c> (seconds), <c>mpki.gateway.renewals</c> (tag <c>result</c>),
/// <c>mpki.gateway.certificates.harvested</c> and <c>mpki.gateway.certificates.expiring</c> (found by each renewal check).
/// </summary>
public sealed class GatewayTelemetry : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "MpkiConnector.Gateway";

    private readonly Meter _meter;
    private readonly Counter<long> _messages;
    private readonly Counter<long> _issuances;
    private readonly Histogram<double> _issuanceDuration;
    private readonly Counter<long> _renewals;
    private readonly Counter<long> _harvested;
    private readonly Counter<long> _expiring;

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

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
