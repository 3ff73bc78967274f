using System.Diagnostics.Metrics;

namespace MpkiConnector.Issuance;

/// <summary>Counters of the issuance coordinator (meter <c>MpkiConnector</c>).</summary>
internal sealed class IssuanceMetrics : IDisposable
{
    public const string MeterName = "MpkiConnector";
    private readonly Meter _meter;
    private readonly Counter<long> _submitted;
    private readonly Counter<long> _issued;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _failed;

    public IssuanceMetrics(IMeterFactory? meterFactory)
    {
        _meter = meterFactory?.Create(MeterName) ?? new Meter(MeterName);
        _submitted = _meter.CreateCounter<long>("mpki.orders.submitted", "{order}", "Orders accepted by a CA.");
        _issued = _meter.CreateCounter<long>("mpki.orders.issued", "{order}", "Orders that ended with a validated, stored certificate.");
        _rejected = _meter.CreateCounter<long>("mpki.orders.rejected", "{order}", "Orders the CA refused or whose certificate failed validation.");
        _failed = _meter.CreateCounter<long>("mpki.orders.failed", "{order}", "Orders given up after errors.");
    }

    public void Submitted(string provider) => _submitted.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void Issued(string provider) => _issued.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void Rejected(string provider) => _rejected.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void Failed(string provider) => _failed.Add(1, new KeyValuePair<string, object?>("provider", provider));

    public void Dispose() => _meter.Dispose();
}
