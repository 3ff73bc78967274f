using System.Runtime.Versioning;
using System.Security.Cryptography;

namespace MpkiConnector.Tpm;

/// <summary>
/// Opens persistent TPM keys in-process through OpenSSL's <c>tpm2</c> provider
/// (<see cref="SafeEvpPKeyHandle.OpenKeyFromProvider"/>). The provider is loaded by name on each open and unloaded
/// when the last key opened through it is disposed; it reads <c>TPM2OPENSSL_TCTI</c> from the native environment when it
/// loads. So the variable is set (setenv) before every open, under one lock: one TPM per process at a time.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class TpmOpenSsl
{
    private const string ProviderName = "tpm2";
    private static readonly Lock Gate = new();

    /// <summary>Opens the key at a persistent handle as <see cref="RSAOpenSsl"/> or <see cref="ECDsaOpenSsl"/>.</summary>
    public static AsymmetricAlgorithm Open(string tcti, uint handle, MpkiKeyAlgorithm algorithm)
    {
        lock (Gate)
        {
            LinuxNativeMethods.SetNativeEnvironmentVariable("TPM2OPENSSL_TCTI", tcti);
            SafeEvpPKeyHandle pkey;
            try
            {
                pkey = SafeEvpPKeyHandle.OpenKeyFromProvider(ProviderName, "handle:" + TpmDevice.FormatHandle(handle));
            }
            catch (CryptographicException ex)
            {
                throw new MpkiException(
                    MpkiErrorKind.Unavailable,
                    $"The TPM key at handle {TpmDevice.FormatHandle(handle)} could not be opened through OpenSSL's tpm2 provider (TCTI '{tcti}'): {ex.Message}",
                    ex)
                {
                    Remediation = "Check that tpm2-openssl is installed and the TPM is reachable.",
                };
            }

            using (pkey)
            {
                // The algorithm object takes its own reference to the key (and through it to the provider).
                return TpmAlgorithms.IsRsa(algorithm) ? new RSAOpenSsl(pkey) : new ECDsaOpenSsl(pkey);
            }
        }
    }
}
