namespace MpkiConnector.Tpm;

/// <summary>What one tpm2-tools command printed.</summary>
/// <param name="ExitCode">The process's exit code.</param>
/// <param name="StandardOutput">Everything it wrote to stdout.</param>
/// <param name="StandardError">Everything it wrote to stderr.</param>
internal sealed record TpmToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The last few lines of stderr, for an error message (tpm2-tools prints no secrets there).</summary>
    public string ErrorSummary
    {
        get
        {
            var lines = StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return lines.Length == 0 ? $"exit code {ExitCode}" : string.Join(" | ", lines.TakeLast(3));
        }
    }
}
