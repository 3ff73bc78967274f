using System.Collections.Concurrent;
using MpkiConnector.LocalCa;

namespace MpkiConnector.Tpm.Tests;

/// <summary>
/// A provider fake over the shared local CA: answers "pending" a set number of times, then issues (or rejects).
/// Stands in for a real provider until the Sectigo provider is on main.
/// </summary>
internal sealed class LocalCaMpkiProviderFake(LocalCertificateAuthority ca, string name = "localca") : IMpkiProvider
{
    private readonly ConcurrentDictionary<string, (MpkiEnrollmentRequest Request, int Collects)> _orders = new();

    public string Name => name;

    public MpkiCapabilities Capabilities => MpkiCapabilities.DeviceCertificates;

    public int PendingCollects { get; init; } = 1;

    public string? RejectWith { get; init; }

    public bool IssueForOtherKey { get; init; }

    public IReadOnlyList<MpkiEnrollmentRequest> Submitted => _orders.Values.Select(o => o.Request).ToArray();

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new MpkiAccount([], [], []));

    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default)
    {
        var id = (_orders.Count + 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _orders[id] = (request, 0);
        return Task.FromResult(new MpkiOrder(id, request.CorrelationId));
    }

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) =>
        Task.FromResult<MpkiOrder?>(null);

    public Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default)
    {
        var (request, collects) = _orders[order.OrderId];
        _orders[order.OrderId] = (request, collects + 1);
        if (RejectWith is not null)
        {
            return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Rejected(RejectWith, "declined"));
        }

        if (collects < PendingCollects)
        {
            return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Pending(TimeSpan.FromMilliseconds(10), "Applied"));
        }

        using var other = System.Security.Cryptography.ECDsa.Create();
        var device = request.Kind == MpkiCertificateKind.Device;
        using var issued = ca.Issue(new LocalIssueRequest(request.CsrPem, request.Subject, 365)
        {
            Email = device ? null : request.Subject,
            DeviceName = device ? request.Subject : null,
            PublicKeyOverride = IssueForOtherKey
                ? new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=x", other, System.Security.Cryptography.HashAlgorithmName.SHA256).PublicKey
                : null,
        });
        return Task.FromResult<MpkiCollectResult>(new MpkiCollectResult.Issued(issued.RawData, ca.ChainDer));
    }

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
