namespace MpkiConnector.Tpm.Tests;

/// <summary>
/// OpenSSL's tpm2 provider is process-wide and reads its TCTI when it loads: TPM test classes (each with its own
/// swtpm) run one after another.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TpmCollection
{
    public const string Name = "tpm";
}
