using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

internal static class TpmTestFactory
{
    public static TpmKeyProvider CreateProvider(SoftwareTpm tpm, IKeyStore store, Action<TpmOptions>? configure = null)
    {
        var options = new TpmOptions { Tcti = tpm.Tcti, CommandTimeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return new TpmKeyProvider(Options.Create(options), store, TimeProvider.System, NullLogger<TpmKeyProvider>.Instance);
    }

    /// <summary>Allows RSA-4096 beside the defaults, so that the TPM's own answer (swtpm has no RSA-4096) is what refuses it.</summary>
    public static void AllowRsa4096(TpmOptions options)
    {
        foreach (var algorithm in TpmOptions.DefaultAlgorithms.Append(MpkiKeyAlgorithm.Rsa4096))
        {
            options.AllowedAlgorithms.Add(algorithm);
        }
    }

    /// <summary>Runs openssl with arguments; returns exit code and combined output.</summary>
    public static async Task<(int ExitCode, string Output)> RunOpenSslAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }
}
