namespace MpkiConnector.Tpm;

/// <summary>How each <see cref="MpkiKeyAlgorithm"/> is spelled for tpm2-tools and its capability lists.</summary>
internal static class TpmAlgorithms
{
    public static bool IsRsa(MpkiKeyAlgorithm algorithm) =>
        algorithm is MpkiKeyAlgorithm.Rsa2048 or MpkiKeyAlgorithm.Rsa3072 or MpkiKeyAlgorithm.Rsa4096;

    /// <summary>The tpm2-tools algorithm spec (<c>-G</c>, <c>tpm2_testparms</c>).</summary>
    public static string ToolSpec(MpkiKeyAlgorithm algorithm) => algorithm switch
    {
        MpkiKeyAlgorithm.Rsa2048 => "rsa2048",
        MpkiKeyAlgorithm.Rsa3072 => "rsa3072",
        MpkiKeyAlgorithm.Rsa4096 => "rsa4096",
        MpkiKeyAlgorithm.EcdsaP256 => "ecc256",
        MpkiKeyAlgorithm.EcdsaP384 => "ecc384",
        MpkiKeyAlgorithm.EcdsaP521 => "ecc521",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown key algorithm."),
    };

    /// <summary>The curve's name in <c>tpm2_getcap ecc-curves</c>.</summary>
    public static string CurveCapabilityName(MpkiKeyAlgorithm algorithm) => algorithm switch
    {
        MpkiKeyAlgorithm.EcdsaP256 => "TPM2_ECC_NIST_P256",
        MpkiKeyAlgorithm.EcdsaP384 => "TPM2_ECC_NIST_P384",
        MpkiKeyAlgorithm.EcdsaP521 => "TPM2_ECC_NIST_P521",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not an elliptic-curve algorithm."),
    };

    /// <summary>A name for messages: <c>RSA-2048</c>, <c>ECDSA P-256</c>.</summary>
    public static string DisplayName(MpkiKeyAlgorithm algorithm) => algorithm switch
    {
        MpkiKeyAlgorithm.Rsa2048 => "RSA-2048",
        MpkiKeyAlgorithm.Rsa3072 => "RSA-3072",
        MpkiKeyAlgorithm.Rsa4096 => "RSA-4096",
        MpkiKeyAlgorithm.EcdsaP256 => "ECDSA P-256",
        MpkiKeyAlgorithm.EcdsaP384 => "ECDSA P-384",
        MpkiKeyAlgorithm.EcdsaP521 => "ECDSA P-521",
        _ => algorithm.ToString(),
    };
}
