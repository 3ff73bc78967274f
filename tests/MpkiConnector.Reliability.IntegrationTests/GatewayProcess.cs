using System.Collections.Concurrent;
using System.Diagnostics;

namespace MpkiConnector.Reliability.Tests;

/// <summary>A real <c>mpki gateway run</c> process (the CLI next to the tests); every line it writes is kept for the secrets scan.</summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;

    private GatewayProcess(Process process)
    {
        _process = process;
    }

    /// <summary>Every line any gateway process of the suite wrote (stdout and stderr).</summary>
    public static ConcurrentQueue<string> Output { get; } = new();

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static GatewayProcess Start(string config, IReadOnlyDictionary<string, string> environment, bool once, string? killAt = null)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, "mpki.dll"), "gateway", "run", "--config", config };
        if (once)
        {
            arguments.Add("--once");
        }

        arguments.ForEach(start.ArgumentList.Add);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment[Diagnostics.KillPoints.Variable] = killAt;
        var process = Process.Start(start) ?? throw new InvalidOperationException("mpki could not be started.");
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new GatewayProcess(process);
    }

    /// <summary>SIGKILL: no clean-up of any kind.</summary>
    public async Task KillAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited meanwhile
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end by itself (bounded); returns its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            throw new TimeoutException($"mpki gateway run did not finish within {bound}.");
        }

        await _process.WaitForExitAsync(); // the output is read to its end
        return _process.ExitCode;
    }

    /// <summary>The process's peak resident set so far (VmHWM), 0 once it has exited.</summary>
    public long PeakWorkingSet()
    {
        try
        {
            _process.Refresh();
            return _process.HasExited ? 0 : _process.PeakWorkingSet64;
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
    }

    public void Dispose() => _process.Dispose();

    private static void Keep(string? line)
    {
        if (line is not null)
        {
            Output.Enqueue(line);
        }
    }
}
