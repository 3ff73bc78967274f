namespace MpkiConnector.Cli.Demo;

/// <summary>What one demo run did.</summary>
internal sealed record DemoSummary
{
    public bool Succeeded { get; init; }
}
