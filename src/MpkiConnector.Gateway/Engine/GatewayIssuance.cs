using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Engine;

/// <summary>How an issuance for a sender ended (as far as the gateway waited for it).</summary>
internal abstract record GatewayIssuance
{
    private GatewayIssuance()
    {
    }

    /// <summary>The certificate is stored as active (<paramref name="AlreadyThere"/>: found, not newly issued).</summary>
    public sealed record Issued(CertificateRecord Certificate, bool AlreadyThere = false) : GatewayIssuance;

    /// <summary>The CA has not finished; the order is journaled and will be collected later.</summary>
    public sealed record Pending(string Status) : GatewayIssuance;

    /// <summary>It failed; <paramref name="Permanent"/> when it cannot succeed without someone changing something.</summary>
    public sealed record Failed(string Reason, bool Permanent) : GatewayIssuance;
}
