namespace MpkiConnector.Cli.Infrastructure;

/// <summary>The exit codes of <c>mpki</c>; each kind of failure has its own. <see cref="All"/> is the README's table.</summary>
internal static class ExitCodes
{
    /// <summary>Everything worked.</summary>
    public const int Success = 0;

    /// <summary>The command ran, but something it checked failed (for example a provider check with a ✗), or an unexpected error.</summary>
    public const int Failure = 1;

    /// <summary>Wrong command line or wrong configuration (including a key-encryption key that is not the store's).</summary>
    public const int UsageOrConfiguration = 2;

    /// <summary>The certificate authority refused or could not be reached.</summary>
    public const int CertificateAuthority = 3;

    /// <summary>What was asked for does not exist (certificate, address, domain, order, message).</summary>
    public const int NotFound = 4;

    /// <summary>The TPM failed or lacks what was asked for.</summary>
    public const int Tpm = 5;

    /// <summary>The store or the file system failed.</summary>
    public const int Storage = 6;

    /// <summary>Not finished yet: the CA has not issued; the order is kept and a later run (or <c>--resume</c>) completes it.</summary>
    public const int Pending = 7;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Cancelled = 130;

    /// <summary>Every code with its meaning, as the README's table shows it (a test compares the two).</summary>
    public static IReadOnlyList<(int Code, string Meaning)> All { get; } =
    [
        (Success, "success"),
        (Failure, "a check failed (for example a ✗ of `provider check`), or an unexpected error"),
        (UsageOrConfiguration, "usage or configuration (a setting, a flag, a key-encryption key that is not the store's)"),
        (CertificateAuthority, "the CA refused or could not be reached"),
        (NotFound, "not found: certificate, address, domain, order or message"),
        (Tpm, "the TPM failed"),
        (Storage, "the store or the file system failed"),
        (Pending, "pending: the CA has not issued yet; the order is kept, run again (or `--resume`)"),
        (Cancelled, "cancelled (Ctrl+C)"),
    ];
}
