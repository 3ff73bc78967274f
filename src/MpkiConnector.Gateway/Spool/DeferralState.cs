namespace MpkiConnector.Gateway.Spool;

/// <summary>What the deferred spool remembers about one message (kept beside it as <c>NAME.defer.json</c>).</summary>
/// <param name="FirstDeferredAt">When the message was first deferred.</param>
/// <param name="Attempts">How often it was tried.</param>
/// <param name="NextAttemptAt">Not to be tried again before this instant.</param>
/// <param name="Reason">Why it waits.</param>
internal sealed record DeferralState(DateTimeOffset FirstDeferredAt, int Attempts, DateTimeOffset NextAttemptAt, string Reason);
