using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace MpkiConnector.Examples.TpmEnrollment;

/// <summary>A software TPM (<c>swtpm socket</c>) on a free loopback port, for machines without a chip; ended by its pid.</summary>
internal sealed class SwtpmProcess : IAsyncDisposable
{
    private readonly Process _process;

    private SwtpmProcess(Process process, int port)
    {
        _process = process;
        Tcti = $"swtpm:host=127.0.0.1,port={port.ToString(CultureInfo.InvariantCulture)}";
    }

    public string Tcti { get; }

    public static async Task<SwtpmProcess> StartAsync(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var startInfo = new ProcessStartInfo("swtpm") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "socket", "--tpm2", "--tpmstate", "dir=" + stateDirectory,
            "--server", $"type=tcp,port={port},bindaddr=127.0.0.1",
            "--ctrl", $"type=tcp,port={port + 1},bindaddr=127.0.0.1",
            "--flags", "not-need-init,startup-clear",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("swtpm did not start.");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new SwtpmProcess(process, port);
            }
            catch (SocketException) when (!process.HasExited)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException("swtpm did not listen within 5 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
