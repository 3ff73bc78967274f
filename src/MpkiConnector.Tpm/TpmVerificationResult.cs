namespace MpkiConnector.Tpm;

/// <summary>What <see cref="TpmVerification"/> found for one installed certificate (what <c>mpki tpm verify</c> prints).</summary>
public sealed record TpmVerificationResult
{
    /// <summary>The certificate checked.</summary>
    public required TpmCertificate Certificate { get; init; }

    /// <summary>The kind of provider holding the key (<c>tpm</c>) and its reference, for example <c>tpm 0x81000100</c>.</summary>
    public required string KeyProvider { get; init; }

    /// <summary>The key opened and its public key equals the certificate's.</summary>
    public bool KeyMatchesCertificate { get; init; }

    /// <summary>An attempt to export the private key failed, as it must.</summary>
    public bool KeyNotExportable { get; init; }

    /// <summary>A signature made in the TPM verified with the certificate's public key.</summary>
    public bool SignVerifyPassed { get; init; }

    /// <summary>Why a check failed, when one did.</summary>
    public string? Problem { get; init; }

    /// <summary>Every check passed.</summary>
    public bool Passed => KeyMatchesCertificate && KeyNotExportable && SignVerifyPassed;
}
