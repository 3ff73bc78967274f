namespace MpkiConnector.Testing;

/// <summary>
/// How the provider's author makes the CA behave in one way for one check (answer pending, refuse, lose an answer):
/// <see cref="Arrange"/> runs just before the check's submit, <see cref="Restore"/> after the check, even when it fails.
/// </summary>
public sealed record ConformanceScenario
{
    /// <summary>Turns the CA's behaviour on (for example a test knob); <see langword="null"/> when nothing needs turning.</summary>
    public Func<CancellationToken, Task>? Arrange { get; init; }

    /// <summary>Turns it back off; <see langword="null"/> when nothing needs restoring.</summary>
    public Func<CancellationToken, Task>? Restore { get; init; }

    /// <summary>The address to request for; <see langword="null"/> uses one of <see cref="ProviderConformanceOptions.Addresses"/>.</summary>
    public string? Address { get; init; }

    /// <summary>Why the author cannot provoke this behaviour; when set, the check is skipped with this reason.</summary>
    public string? UnsupportedReason { get; init; }

    /// <summary>A scenario the author cannot provoke: the check is skipped with <paramref name="reason"/>.</summary>
    public static ConformanceScenario Unsupported(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ConformanceScenario { UnsupportedReason = reason };
    }
}
