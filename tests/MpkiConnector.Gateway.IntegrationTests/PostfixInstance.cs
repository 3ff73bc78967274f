using System.Diagnostics;
using System.Globalization;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.IntegrationTests;

/// <summary>
/// A throwaway Postfix (Debian's package) beside the default one: its own config, queue, data and Maildir folders
/// under a temp folder, loopback ports only, no chroot, its log in <see cref="LogFile"/>. The gateway is its
/// after-queue content filter, with <c>config/postfix/main.cf</c> and <c>master.cf</c> appended verbatim (only the
/// ports changed). Mail for any address <c>@partner.example</c> is delivered to <see cref="Maildir"/>.
/// Dispose stops it (<c>postfix stop</c>) and removes its folders.
/// </summary>
internal sealed class PostfixInstance : IAsyncDisposable
{
    private readonly TempDirectory _root = new("mpki-postfix");
    private bool _started;

    private PostfixInstance()
    {
    }

    public string ConfigDirectory => _root.Combine("etc");

    public string Maildir => _root.Combine("mail", "partner");

    public string LogFile => _root.Combine("maillog");

    /// <summary>Configures and starts an instance that filters through <paramref name="gatewayPort"/> and takes mail back on <paramref name="reinjectPort"/>.</summary>
    public static async Task<PostfixInstance> StartAsync(int gatewayPort, int reinjectPort, string snippetsFolder)
    {
        var p = new PostfixInstance();
        try
        {
            await p.ConfigureAsync(gatewayPort, reinjectPort, snippetsFolder);
            await RunAsync("postfix", "-c", p.ConfigDirectory, "start");
            p._started = true;
            return p;
        }
        catch
        {
            await p.DisposeAsync();
            throw;
        }
    }

    /// <summary>Submits a message with Postfix's own <c>sendmail</c> (postdrop, pickup, the queue, the content filter).</summary>
    public Task SendmailAsync(string sender, string recipient, string message) =>
        RunWithInputAsync("/usr/sbin/sendmail", message, "-C", ConfigDirectory, "-i", "-f", sender, recipient);

    /// <summary>Waits until <paramref name="count"/> messages are in the Maildir; returns their paths.</summary>
    public async Task<string[]> WaitForDeliveryAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        var folder = Path.Combine(Maildir, "new");
        while (DateTime.UtcNow < until)
        {
            if (Directory.Exists(folder) && Directory.GetFiles(folder) is { } files && files.Length >= count)
            {
                return files;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No delivery to {folder} within {timeout}. Postfix log:\n{(File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(none)")}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await RunAsync("postfix", "-c", ConfigDirectory, "stop");
        }

        await SetAlternateConfigDirectoryAsync(add: false);
        _root.Dispose();
    }

    private async Task ConfigureAsync(int gatewayPort, int reinjectPort, string snippetsFolder)
    {
        await RunAsync("cp", "-r", "/etc/postfix", ConfigDirectory);
        await SetAlternateConfigDirectoryAsync(add: true);
        var port = LoopbackPort.Next().ToString(CultureInfo.InvariantCulture);
        string Ports(string text) => text
            .Replace("127.0.0.1]:2525", $"127.0.0.1]:{gatewayPort.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
            .Replace("127.0.0.1:10026", $"127.0.0.1:{reinjectPort.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal);
        await File.AppendAllTextAsync(Path.Combine(ConfigDirectory, "main.cf"), "\n" + Ports(await File.ReadAllTextAsync(Path.Combine(snippetsFolder, "main.cf"))));
        var master = (await File.ReadAllLinesAsync(Path.Combine(ConfigDirectory, "master.cf")))
            .Select(line => line.StartsWith("smtp      inet", StringComparison.Ordinal) ? $"127.0.0.1:{port} inet n - n - - smtpd" : line);
        await File.WriteAllTextAsync(Path.Combine(ConfigDirectory, "master.cf"), string.Join('\n', master) + "\n" + Ports(await File.ReadAllTextAsync(Path.Combine(snippetsFolder, "master.cf"))));
        await RunAsync("postconf", "-c", ConfigDirectory, "-F", "*/*/chroot = n");
        await RunAsync(
            "postconf", "-c", ConfigDirectory, "-e",
            $"queue_directory={_root.Combine("queue")}", $"data_directory={_root.Combine("data")}",
            "inet_interfaces=127.0.0.1", "inet_protocols=ipv4", "mydestination=", "myhostname=gw.test", "mynetworks=127.0.0.0/8",
            $"maillog_file={LogFile}", "maillog_file_prefixes=/var,/tmp", "multi_instance_wrapper=",
            "virtual_mailbox_domains=partner.example", $"virtual_mailbox_base={_root.Combine("mail")}", "virtual_mailbox_maps=static:partner/",
            "virtual_uid_maps=static:65534", "virtual_gid_maps=static:65534",
            "smtp_tls_security_level=none", "smtpd_tls_security_level=none",
            // The test's short retry times: a deferred first mail is tried again within seconds. Not shorter than 5 s:
            // qmgr takes a deferred file back as soon as its time stamp is at most 1 s ahead, so a 1-2 s backoff let it
            // try while the smtp delivery agent still held the queue file's lock; qmgr then logs "skipped, still being
            // delivered" and puts the message back with a fixed 60 s delay (qmgr_active_feed), past the test's wait.
            "minimal_backoff_time=5s", "maximal_backoff_time=5s", "queue_run_delay=1s");
        foreach (var folder in new[] { "queue", "data", "mail" })
        {
            Directory.CreateDirectory(_root.Combine(folder));
        }

        await RunAsync("chown", "postfix", _root.Combine("data"));
        await RunAsync("chown", "65534:65534", _root.Combine("mail"));
        await RunAsync("postfix", "-c", ConfigDirectory, "set-permissions");
    }

    // sendmail -C and postfix -c accept a config folder only when the default main.cf lists it.
    private async Task SetAlternateConfigDirectoryAsync(bool add)
    {
        var current = (await RunAsync("postconf", "-h", "alternate_config_directories")).Trim();
        var folders = current.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Where(f => f != ConfigDirectory).ToList();
        if (add)
        {
            folders.Add(ConfigDirectory);
        }

        await RunAsync("postconf", "-e", $"alternate_config_directories={string.Join(", ", folders)}");
    }

    private static Task<string> RunAsync(string file, params string[] arguments) => RunWithInputAsync(file, null, arguments);

    private static async Task<string> RunWithInputAsync(string file, string? input, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} could not be started.");
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
        }

        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }

        return await output;
    }
}
