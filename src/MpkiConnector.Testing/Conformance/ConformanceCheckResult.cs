namespace MpkiConnector.Testing;

/// <summary>The result of one conformance check.</summary>
/// <param name="Check">The check.</param>
/// <param name="Outcome">Passed, skipped or failed.</param>
/// <param name="Detail">What was seen (passed), why it did not apply (skipped) or what went wrong (failed).</param>
public sealed record ConformanceCheckResult(ConformanceCheck Check, ConformanceOutcome Outcome, string Detail)
{
    /// <summary>The provider's exception behind a failure, when there was one.</summary>
    public Exception? Exception { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"{Outcome.ToString().ToUpperInvariant()} {Check}: {Detail}";
}
