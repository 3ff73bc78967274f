using MpkiConnector.LocalCa;

namespace MpkiConnector.Tpm.Tests;

/// <summary>A CA whose answers carry another CA's chain: the certificate is right, but it does not chain to the root that came with it.</summary>
internal sealed class OtherRootProviderFake(IMpkiProvider inner, LocalCertificateAuthority other) : IMpkiProvider
{
    public string Name => inner.Name;

    public MpkiCapabilities Capabilities => inner.Capabilities;

    public Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default) => inner.DiscoverAsync(cancellationToken);

    public Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) => inner.SubmitAsync(request, cancellationToken);

    public Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default) => inner.FindOrderAsync(request, cancellationToken);

    public async Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default) =>
        await inner.CollectAsync(order, cancellationToken) is MpkiCollectResult.Issued issued
            ? new MpkiCollectResult.Issued(issued.CertificateDer, other.ChainDer)
            : throw new InvalidOperationException("The wrapped CA did not issue.");

    public Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default) => inner.RevokeAsync(request, cancellationToken);
}
