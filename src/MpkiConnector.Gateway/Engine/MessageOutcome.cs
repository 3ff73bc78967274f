namespace MpkiConnector.Gateway.Engine;

/// <summary>Where one message ended and what was done to it.</summary>
internal sealed record MessageOutcome(MessageOutcomeKind Kind, string Reason)
{
    public bool Encrypted { get; init; }

    public bool Decrypted { get; init; }

    public int Harvested { get; init; }
}
