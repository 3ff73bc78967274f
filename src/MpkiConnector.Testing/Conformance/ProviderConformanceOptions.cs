namespace MpkiConnector.Testing;

/// <summary>What <see cref="ProviderConformance"/> needs from a provider's author.</summary>
public sealed record ProviderConformanceOptions
{
    /// <summary>The provider under test, configured as for real use.</summary>
    public required IMpkiProvider Provider { get; init; }

    /// <summary>E-mail addresses the provider may issue certificates for (at least one); the checks use them in turn.</summary>
    public required IReadOnlyList<string> Addresses { get; init; }

    /// <summary>The certificate type (id or name) to request; <see langword="null"/>: the provider's configured type.</summary>
    public string? CertificateType { get; init; }

    /// <summary>The term in days to request; <see langword="null"/>: the provider's configured term.</summary>
    public int? TermDays { get; init; }

    /// <summary>The organisation id to request; <see langword="null"/>: the provider's configured or discovered one.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>
    /// The key algorithms <see cref="ConformanceCheck.KeyAlgorithms"/> enrolls with; the first one also serves every other
    /// check (a fresh key each time, so a cheap one keeps the run short). Default: ECDSA P-256 and RSA-2048.
    /// </summary>
    public IReadOnlyList<MpkiKeyAlgorithm> KeyAlgorithms { get; init; } = [MpkiKeyAlgorithm.EcdsaP256, MpkiKeyAlgorithm.Rsa2048];

    /// <summary>How to make the CA answer the next order's first collect with pending; <see langword="null"/> skips <see cref="ConformanceCheck.Pending"/>.</summary>
    public ConformanceScenario? Pending { get; init; }

    /// <summary>A request the provider must refuse (its <see cref="ConformanceScenario.Address"/> and/or a knob); <see langword="null"/> skips <see cref="ConformanceCheck.Rejected"/>.</summary>
    public ConformanceScenario? Rejection { get; init; }

    /// <summary>
    /// How to make the CA create the next order but lose the answer to its submit. <see langword="null"/>: the kit simulates
    /// the loss by ignoring the answer of a normal submit.
    /// </summary>
    public ConformanceScenario? LostAnswer { get; init; }

    /// <summary>The most collects of one order before the kit gives up on a pending answer. Default 20.</summary>
    public int MaxCollects { get; init; } = 20;

    /// <summary>The wait between two collects of a pending order (a CA's retry-after is not honoured, to keep tests short). Default 100 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The clock of the validator and of the waits between collects. Default: the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
