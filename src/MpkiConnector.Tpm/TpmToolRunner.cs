using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace MpkiConnector.Tpm;

/// <summary>Runs tpm2-tools commands against the configured TPM, with a timeout and a clear error.</summary>
internal sealed partial class TpmToolRunner(TpmOptions options, ILogger logger)
{
    /// <summary>Runs a command and returns what it printed, whatever its exit code.</summary>
    public async Task<TpmToolResult> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var startInfo = new ProcessStartInfo(options.ToolsDirectory is null ? tool : Path.Combine(options.ToolsDirectory, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["TPM2TOOLS_TCTI"] = options.Tcti;
        LogRunning(logger, tool, string.Join(' ', arguments));

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new MpkiException(MpkiErrorKind.Configuration, $"The TPM command '{tool}' could not be started: {ex.Message}. Is tpm2-tools installed?", ex)
            {
                Remediation = "Install tpm2-tools (Debian/Ubuntu: apt-get install tpm2-tools tpm2-openssl), or set Tpm:ToolsDirectory.",
            };
        }

        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new MpkiException(
                MpkiErrorKind.Unavailable,
                $"The TPM did not answer '{tool}' within {options.CommandTimeout.TotalSeconds:0} s (TCTI '{options.Tcti}').");
        }

        var result = new TpmToolResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        if (!result.Succeeded)
        {
            LogFailed(logger, tool, result.ExitCode, result.ErrorSummary);
        }

        return result;
    }

    /// <summary>Runs a command and throws an <see cref="MpkiException"/> with its stderr when it fails.</summary>
    public async Task<TpmToolResult> RunCheckedAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(tool, arguments, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new MpkiException(
                MpkiErrorKind.Unavailable,
                $"The TPM command '{tool}' failed (TCTI '{options.Tcti}'): {result.ErrorSummary}");
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Running {Tool} {Arguments}")]
    private static partial void LogRunning(ILogger logger, string tool, string arguments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TPM command {Tool} failed with exit code {ExitCode}: {Error}")]
    private static partial void LogFailed(ILogger logger, string tool, int exitCode, string error);
}
