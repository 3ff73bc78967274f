using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MpkiConnector.TestUtils;

/// <summary>
/// A software TPM 2.0 (<c>swtpm socket</c>) on a free loopback port with its own state folder, for tests.
/// Ended by its process id (never by name). <see cref="RestartAsync"/> stops it and starts it again on the same
/// state folder and port, as a reboot would: persistent keys survive, transient objects do not.
/// </summary>
public sealed class SoftwareTpm : IAsyncDisposable
{
    private readonly bool _ownsStateDirectory;
    private Process? _process;

    private SoftwareTpm(string stateDirectory, bool ownsStateDirectory, int port)
    {
        StateDirectory = stateDirectory;
        _ownsStateDirectory = ownsStateDirectory;
        Port = port;
    }

    /// <summary>The folder holding the TPM's non-volatile state.</summary>
    public string StateDirectory { get; }

    /// <summary>The TPM command port on 127.0.0.1 (the control port is the next one).</summary>
    public int Port { get; }

    /// <summary>The TCTI naming this TPM, for tpm2-tools and OpenSSL's tpm2 provider.</summary>
    public string Tcti => $"swtpm:host=127.0.0.1,port={Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The swtpm process id while it runs.</summary>
    public int? ProcessId => _process is { HasExited: false } p ? p.Id : null;

    /// <summary>Starts a new TPM; with <paramref name="stateDirectory"/> <see langword="null"/> in a new temp folder (deleted at dispose).</summary>
    public static async Task<SoftwareTpm> StartAsync(string? stateDirectory = null, CancellationToken cancellationToken = default)
    {
        var owns = stateDirectory is null;
        stateDirectory ??= Directory.CreateTempSubdirectory("mpki-swtpm-").FullName;
        Directory.CreateDirectory(stateDirectory);
        for (var attempt = 0; ; attempt++)
        {
            var tpm = new SoftwareTpm(stateDirectory, owns, FindFreePortPair());
            try
            {
                await tpm.StartProcessAsync(cancellationToken).ConfigureAwait(false);
                return tpm;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                await tpm.StopAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Stops the TPM (kill by pid) and starts it again on the same state folder and port.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await StartProcessAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < 20)
            {
                // The port may linger for a moment after the old process ended.
                await StopAsync().ConfigureAwait(false);
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Ends the swtpm process by its pid; the state folder stays.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Runs a tpm2-tools command against this TPM and returns its stdout; throws with stderr when it fails.</summary>
    public async Task<string> RunToolAsync(string tool, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        startInfo.Environment["TPM2TOOLS_TCTI"] = Tcti;
        using var process = Process.Start(startInfo)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {await stderr.ConfigureAwait(false)}");
        }

        return await stdout.ConfigureAwait(false);
    }

    /// <summary>The persistent handles in use (<c>tpm2_getcap handles-persistent</c>).</summary>
    public async Task<IReadOnlyList<uint>> GetPersistentHandlesAsync()
    {
        var output = await RunToolAsync("tpm2_getcap", "handles-persistent").ConfigureAwait(false);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.TrimStart('-', ' '))
            .Where(text => text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            .Select(text => uint.Parse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture))
            .ToArray();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_ownsStateDirectory)
        {
            try
            {
                Directory.Delete(StateDirectory, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a temp folder
            }
        }
    }

    private async Task StartProcessAsync(CancellationToken cancellationToken)
    {
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var control = (Port + 1).ToString(CultureInfo.InvariantCulture);
        var startInfo = new ProcessStartInfo("swtpm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "socket", "--tpm2",
            "--tpmstate", "dir=" + StateDirectory,
            "--server", $"type=tcp,port={port},bindaddr=127.0.0.1",
            "--ctrl", $"type=tcp,port={control},bindaddr=127.0.0.1",
            "--flags", "not-need-init,startup-clear",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(startInfo)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new PlatformNotSupportedException("swtpm is not installed (apt-get install swtpm swtpm-tools tpm2-tools tpm2-openssl libtss2-tcti-swtpm0).", ex);
        }

        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Ready when the command port accepts a connection.
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"swtpm exited with code {process.ExitCode} (port {port} taken?).");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }

        throw new InvalidOperationException($"swtpm did not listen on 127.0.0.1:{port} within 5 s.");
    }

    private static int FindFreePortPair()
    {
        for (var i = 0; i < 50; i++)
        {
            using var first = new TcpListener(IPAddress.Loopback, 0);
            first.Start();
            var port = ((IPEndPoint)first.LocalEndpoint).Port;
            if (port >= IPEndPoint.MaxPort)
            {
                continue;
            }

            try
            {
                using var second = new TcpListener(IPAddress.Loopback, port + 1);
                second.Start();
                second.Stop();
                return port;
            }
            catch (SocketException)
            {
                // the next port is taken: try another pair
            }
        }

        throw new InvalidOperationException("No free pair of loopback ports found.");
    }
}
