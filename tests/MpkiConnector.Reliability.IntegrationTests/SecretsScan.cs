using System.Text;
using MpkiConnector.TestUtils;
using Xunit.Abstractions;

namespace MpkiConnector.Reliability.Tests;

/// <summary>
/// Issue 17, secrets: the canary password and KEK appear in no output line, file or database column (the database files
/// are scanned as bytes); no private key's PKCS#8 DER is in any file in plaintext; database and mail files are 0600.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
internal static class SecretsScan
{
    public static void AssertNoLeaks(SuiteRun run, IReadOnlyList<byte[]> privateKeys, ITestOutputHelper output)
    {
        var canaries = new List<byte[]> { Encoding.UTF8.GetBytes(SuiteRun.CanaryPassword), Encoding.UTF8.GetBytes(run.KekBase64), run.Kek };
        var lines = GatewayProcess.Output.ToArray();
        var leakingLines = lines.Where(l => l.Contains(SuiteRun.CanaryPassword, StringComparison.Ordinal) || l.Contains(run.KekBase64, StringComparison.Ordinal)).ToList();
        var leakingFiles = SuiteChecks.FilesContaining(run.Folder.Path, canaries);
        var keyFiles = SuiteChecks.FilesContaining(run.Folder.Path, privateKeys);
        var loose = SuiteChecks.LooseFiles(run.Folder.Path, "mpki.db*", "*.eml", "*.key", "*.pem");
        SuiteFigures.Report(output, $"secrets scan: {lines.Length} output lines, {Directory.GetFiles(run.Folder.Path, "*", SearchOption.AllDirectories).Length} files, " +
            $"{privateKeys.Count} private keys; canary in {leakingLines.Count} lines and {leakingFiles.Count} files, key DER in {keyFiles.Count} files, {loose.Count} files not 0600");

        Assert.Empty(leakingLines);
        Assert.Empty(leakingFiles);
        Assert.Empty(keyFiles);
        Assert.Empty(loose);
    }
}
