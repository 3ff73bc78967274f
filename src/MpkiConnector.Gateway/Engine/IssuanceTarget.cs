using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Gateway.Engine;

/// <summary>What to issue: a certificate for an address of a managed domain, possibly renewing an older one.</summary>
internal sealed record IssuanceTarget(string Address, string? DisplayName, ManagedDomain Domain, string? RenewsCertificateId);
