using System.Diagnostics;

namespace MpkiConnector.Gateway.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> of the gateway: one activity per message (<c>mpki.gateway.message</c>, tagged
/// with its outcome: signed, encrypted, deferred, rejected...). The issuances it starts are children of it
/// (source <c>MpkiConnector</c>).
/// </summary>
public static class GatewayActivitySource
{
    /// <summary>The name of the source.</summary>
    public const string Name = "MpkiConnector.Gateway";

    internal static readonly ActivitySource Source = new(Name, "1.0");
}
