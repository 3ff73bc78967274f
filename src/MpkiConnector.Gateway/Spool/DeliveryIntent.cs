namespace MpkiConnector.Gateway.Spool;

/// <summary>
/// Written beside a claimed input just before its result is renamed into place (<c>NAME.TOKEN.claim.intent</c>): a run
/// that finds the claim after a kill sees that <paramref name="Target"/> holds content of hash <paramref name="Sha256"/>,
/// and removes the input instead of processing it a second time.
/// </summary>
/// <param name="Target">The result's path.</param>
/// <param name="Sha256">The result's SHA-256, lower-case hex.</param>
internal sealed record DeliveryIntent(string Target, string Sha256);
