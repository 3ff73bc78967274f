namespace MpkiConnector.Tpm;

/// <summary>Which TPM to use and how its keys are kept. Validated at start (<see cref="TpmOptionsValidator"/>).</summary>
public sealed class TpmOptions
{
    /// <summary>The default TPM: the kernel's resource manager.</summary>
    public const string DefaultTcti = "device:/dev/tpmrm0";

    /// <summary>
    /// The TPM Command Transmission Interface, as tpm2-tss spells it: <c>device:/dev/tpmrm0</c> (default, a chip behind
    /// the kernel's resource manager) or <c>swtpm:port=2321</c> (a software TPM, for tests). Passed to tpm2-tools as
    /// <c>TPM2TOOLS_TCTI</c> and to OpenSSL's tpm2 provider as <c>TPM2OPENSSL_TCTI</c>. One process uses one TPM.
    /// </summary>
    public string Tcti { get; set; } = DefaultTcti;

    /// <summary>The first persistent handle keys may be stored at (owner hierarchy, 0x81000000-0x817FFFFF).</summary>
    public uint PersistentHandleFirst { get; set; } = 0x81000100;

    /// <summary>The last persistent handle keys may be stored at (inclusive).</summary>
    public uint PersistentHandleLast { get; set; } = 0x810001FF;

    /// <summary>The algorithms allowed when <see cref="AllowedAlgorithms"/> is empty: RSA-2048 and ECDSA P-256, the pair every TPM 2.0 chip offers.</summary>
    public static IReadOnlyList<MpkiKeyAlgorithm> DefaultAlgorithms { get; } = [MpkiKeyAlgorithm.Rsa2048, MpkiKeyAlgorithm.EcdsaP256];

    /// <summary>
    /// The algorithms this provider may create, when the TPM supports them too. Empty (the default) means
    /// <see cref="DefaultAlgorithms"/>; a configured list replaces them (configuration binding adds to this list).
    /// </summary>
    public IList<MpkiKeyAlgorithm> AllowedAlgorithms { get; } = [];

    /// <summary>The allowed algorithms in effect.</summary>
    internal IReadOnlyList<MpkiKeyAlgorithm> EffectiveAlgorithms => AllowedAlgorithms.Count == 0 ? DefaultAlgorithms : AllowedAlgorithms.Distinct().ToArray();

    /// <summary>How long one tpm2-tools command may run before it is killed (a TPM that does not answer).</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Flush transient objects after each operation (<c>tpm2_flushcontext -t</c>). Needed without a resource manager
    /// (swtpm on a socket); harmless with <c>/dev/tpmrm0</c>.
    /// </summary>
    public bool FlushTransientObjects { get; set; } = true;

    /// <summary>The folder with the tpm2-tools executables; <see langword="null"/> searches <c>PATH</c>.</summary>
    public string? ToolsDirectory { get; set; }

    /// <summary>
    /// Where enrolled certificates are installed beside their key reference: one folder per certificate with
    /// <c>cert.pem</c>, <c>chain.pem</c>, <c>root.pem</c> and <c>key.json</c>. <see langword="null"/>: only the store.
    /// </summary>
    public string? InstallDirectory { get; set; }

    /// <summary>
    /// The folder a CA's root certificate is written to when the person accepts it (<c>mpki tpm enroll --link URL
    /// --trust-root</c>), as <c>mpki-ROOTFINGERPRINT.crt</c> (PEM). On Linux point it at the folder the desktop's trust
    /// store reads (for example <c>/usr/local/share/ca-certificates</c>, then run <c>update-ca-certificates</c>);
    /// <see langword="null"/>: the root is only offered, never written.
    /// </summary>
    public string? TrustFolder { get; set; }
}
