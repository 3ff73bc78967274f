namespace MpkiConnector;

/// <summary>
/// One account at a certificate authority's management portal (an "MPKI" account).
/// A two-phase CA is modelled as such: <see cref="SubmitAsync"/> returns an order that the caller persists
/// before it calls <see cref="CollectAsync"/>, and "pending" is a result, not an exception.
/// Every failure is an <see cref="MpkiException"/>.
/// </summary>
public interface IMpkiProvider
{
    /// <summary>The configured name of this account (for example <c>sectigo</c>).</summary>
    string Name { get; }

    /// <summary>What this provider can do beyond submit and collect.</summary>
    MpkiCapabilities Capabilities { get; }

    /// <summary>Logs in and reads what the account offers: organisations, certificate types, custom fields.</summary>
    Task<MpkiAccount> DiscoverAsync(CancellationToken cancellationToken = default);

    /// <summary>Submits a CSR. Never retried blindly by the provider: a lost answer is resolved with <see cref="FindOrderAsync"/>.</summary>
    Task<MpkiOrder> SubmitAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Looks for an order that an earlier <see cref="SubmitAsync"/> of the same request may have created
    /// (matched by <see cref="MpkiEnrollmentRequest.CorrelationId"/>); <see langword="null"/> when there is none.
    /// Providers without <see cref="MpkiCapabilities.FindOrder"/> return <see langword="null"/>.
    /// </summary>
    Task<MpkiOrder?> FindOrderAsync(MpkiEnrollmentRequest request, CancellationToken cancellationToken = default);

    /// <summary>Asks for the certificate of an order: <see cref="MpkiCollectResult.Pending"/>, <see cref="MpkiCollectResult.Issued"/> or <see cref="MpkiCollectResult.Rejected"/>.</summary>
    Task<MpkiCollectResult> CollectAsync(MpkiOrder order, CancellationToken cancellationToken = default);

    /// <summary>Revokes by order, by serial number or every certificate of an e-mail address.</summary>
    Task RevokeAsync(MpkiRevocationRequest request, CancellationToken cancellationToken = default);
}
