namespace MpkiConnector;

/// <summary>The answer to a collect: pending, issued or rejected.</summary>
public abstract record MpkiCollectResult
{
    private protected MpkiCollectResult()
    {
    }

    /// <summary>The CA has not finished; ask again later.</summary>
    /// <param name="RetryAfter">How long the CA suggests waiting, when it says.</param>
    /// <param name="Status">The CA's words for the state, for logs.</param>
    public sealed record Pending(TimeSpan? RetryAfter, string? Status) : MpkiCollectResult;

    /// <summary>The certificate is ready. It is not yet trusted: validate it before storing it.</summary>
    /// <param name="CertificateDer">The issued certificate, DER.</param>
    /// <param name="ChainDer">The issuing chain, DER, from the issuer up (the root may be absent).</param>
    public sealed record Issued(byte[] CertificateDer, IReadOnlyList<byte[]> ChainDer) : MpkiCollectResult;

    /// <summary>The CA will not issue (declined, revoked before collection...).</summary>
    /// <param name="Reason">The CA's reason.</param>
    /// <param name="VendorCode">The CA's code, when it gives one.</param>
    public sealed record Rejected(string Reason, string? VendorCode) : MpkiCollectResult;
}
