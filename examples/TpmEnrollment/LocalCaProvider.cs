using System.Collections.Concurrent;
using System.Globalization;
using MpkiConnector.LocalCa;

namespace MpkiConnector.Examples.TpmEnrollment;

/// <summary>
/// A provider account over the library's local CA, so that the example runs without a CA portal. Any
/// <see cref="IMpkiProvider"/> works in its place (the Sectigo provider against the SCM emulator, or a real account).
/// </summary>
internal sealed class LocalCaProvider(string name, LocalCertificateAuthority ca) : IMpkiProvider
{
    private readonly ConcurrentDictionary<string, MpkiEnrollmentRequest> _orders = new();

    public string Name => name;

    public MpkiCapabilities Capabilities => MpkiCapabilities.DeviceCertificates;

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new MpkiAccount([], [], []));

    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        var id = (_orders.Count + 1).ToString(CultureInfo.InvariantCulture);
        _orders[id] = request;
        return Task.FromResult(new MpkiOrder(id, request.CorrelationId));
    }

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<MpkiOrder?>(null);

    public Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        // Orders live in this process only: one from a stopped run is unknown here, and that order ends.
        var request = _orders.TryGetValue(order.OrderId, out var known)
            ? known
            : throw new MpkiException(MpkiErrorKind.NotFound, $"The local CA has no order {order.OrderId} (it keeps orders in memory).");
        var device = request.Kind == MpkiCertificateKind.Device;
        using var issued = ca.Issue(new LocalIssueRequest(request.CsrPem, request.Subject, request.TermDays ?? 365)
        {
            Email = device ? null : request.Subject,
            DeviceName = device ? request.Subject : null,
        });
        return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Issued(issued.RawData, ca.ChainDer));
    }

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
