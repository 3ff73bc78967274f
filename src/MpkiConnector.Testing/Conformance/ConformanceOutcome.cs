namespace MpkiConnector.Testing;

/// <summary>How a conformance check ended.</summary>
public enum ConformanceOutcome
{
    /// <summary>The provider behaved as the contract says.</summary>
    Passed = 0,

    /// <summary>The check did not apply (a capability the provider lacks, or a scenario the options do not give), with the reason.</summary>
    Skipped,

    /// <summary>The provider broke the contract; the detail says how.</summary>
    Failed,
}
