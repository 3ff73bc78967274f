namespace MpkiConnector.Gateway.Engine;

/// <summary>The kinds of <see cref="MessageOutcome"/>.</summary>
internal enum MessageOutcomeKind
{
    Signed,
    PassedUnsigned,
    PassedThrough,
    Deferred,
    Rejected,
}
