namespace MpkiConnector.Tpm;

/// <summary>Names shared by the TPM key providers of every platform.</summary>
public static class TpmKeys
{
    /// <summary>The <see cref="IKeyProvider.Kind"/> of TPM keys (Linux and Windows alike), stored with each key record.</summary>
    public const string ProviderKind = "tpm";
}
