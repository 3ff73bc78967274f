using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// <c>mpki gateway serve</c> as a separate process (the built CLI, <c>dotnet mpki.dll</c>), so that a test can SIGKILL or
/// SIGTERM it. Its output is kept for the assertion messages.
/// </summary>
internal sealed class GatewayServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private GatewayServeProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <c>mpki gateway serve --config CONFIG</c> and waits until <paramref name="port"/> accepts connections.</summary>
    public static async Task<GatewayServeProcess> StartAsync(string config, int port, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "mpki.dll"), "gateway", "serve", "--config", config })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var serve = new GatewayServeProcess(Process.Start(start) ?? throw new InvalidOperationException("mpki could not be started."));
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (serve.HasExited || DateTime.UtcNow > until)
            {
                var output = serve.Output;
                serve.Dispose();
                throw new InvalidOperationException($"mpki gateway serve did not listen on {port}:\n{output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return serve;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGKILL: no drain, no cleanup.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM (as systemd or <c>docker stop</c> would); returns once the signal is sent.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
