namespace MpkiConnector.Testing;

/// <summary>The results of every check of <see cref="ProviderConformance.RunAllAsync"/>.</summary>
public sealed class ProviderConformanceReport
{
    internal ProviderConformanceReport(string providerName, IReadOnlyList<ConformanceCheckResult> results)
    {
        ProviderName = providerName;
        Results = results;
    }

    /// <summary>The provider account that was checked.</summary>
    public string ProviderName { get; }

    /// <summary>One result per check, in the order they ran.</summary>
    public IReadOnlyList<ConformanceCheckResult> Results { get; }

    /// <summary>Whether no check failed (skipped checks do not fail the report).</summary>
    public bool Succeeded => Results.All(r => r.Outcome != ConformanceOutcome.Failed);

    /// <summary>The result of one check.</summary>
    public ConformanceCheckResult this[ConformanceCheck check] => Results.First(r => r.Check == check);

    /// <summary>Throws a <see cref="ProviderConformanceException"/> listing every failed check, when one failed.</summary>
    /// <exception cref="ProviderConformanceException">At least one check failed.</exception>
    public void ThrowIfFailed()
    {
        var failed = Results.Where(r => r.Outcome == ConformanceOutcome.Failed).ToList();
        if (failed.Count == 1)
        {
            throw new ProviderConformanceException(failed[0].Check, failed[0].Detail, failed[0].Exception);
        }

        if (failed.Count > 1)
        {
            throw new ProviderConformanceException(
                failed[0].Check,
                $"Provider '{ProviderName}' failed {failed.Count} conformance checks:{Environment.NewLine}{string.Join(Environment.NewLine, failed)}",
                new AggregateException(failed.Where(f => f.Exception is not null).Select(f => f.Exception!)));
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"Conformance of provider '{ProviderName}':{Environment.NewLine}{string.Join(Environment.NewLine, Results)}";
}
