namespace MpkiConnector.Cli.Handlers;

/// <summary>The options of <c>mpki tpm enroll</c>.</summary>
internal sealed record TpmEnrollOptions(string Type, string? Email, string? Device, string? Provider, MpkiKeyAlgorithm Algorithm, bool Resume, int? WaitSeconds)
{
    /// <summary>A one-time <c>mpki-enroll:</c> link from the self-enrollment form (then no operator account is used).</summary>
    public string? Link { get; init; }

    /// <summary>Write the CA's root to <c>Tpm:TrustFolder</c> (with <see cref="Link"/>).</summary>
    public bool TrustRoot { get; init; }

    /// <summary>JSON output (with <see cref="Link"/>).</summary>
    public bool Json { get; init; }
}
