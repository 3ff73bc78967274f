namespace MpkiConnector.Gateway.Engine;

/// <summary>The kinds of <see cref="MessageOutcome"/>.</summary>
internal enum MessageOutcomeKind
{
    Signed,
    PassedUnsigned,
    PassedThrough,
    Deferred,
    Rejected,

    /// <summary>Not processed here: another process claimed it first, or it vanished.</summary>
    Skipped,
}
