using System.Text.Json;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class DemoTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Demo_FreshFolderThenAgain_IssuesForEverySenderThenReusesWithoutNewOrders()
    {
        var data = _folder.Combine("demo");
        string[] args = ["demo", "--data", data, "--mail", RepositoryPaths.Mail, "--config", RepositoryPaths.GatewayConfig, "--json"];

        var first = await CliRunner.RunAsync(args);

        Assert.True(first.ExitCode == 0, first.ToString());
        using (var json = JsonDocument.Parse(first.Output))
        {
            var run = json.RootElement;
            var managedSenders = ManagedSendersOfTheCorpus();
            Assert.Equal(218, run.GetProperty("inputMessages").GetInt32());
            Assert.Equal(221, run.GetProperty("processed").GetInt32());
            Assert.Equal(0, run.GetProperty("ordersBefore").GetInt64());
            Assert.Equal(managedSenders, run.GetProperty("newOrders").GetInt64());
            Assert.Equal(managedSenders, run.GetProperty("certificatesIssued").GetInt32());
            Assert.Equal(3, run.GetProperty("rejected").GetInt32());
            Assert.Equal(3, run.GetProperty("harvested").GetInt32());
            Assert.True(run.GetProperty("signed").GetInt32() >= 190, first.Output);
            Assert.True(run.GetProperty("encrypted").GetInt32() >= 30, first.Output);
            Assert.True(run.GetProperty("passedThrough").GetInt32() >= 16, first.Output);
            Assert.All(run.GetProperty("rejections").EnumerateArray(), r => Assert.Contains("malformed", r.GetProperty("file").GetString(), StringComparison.Ordinal));
        }

        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "kek.b64")));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "mpki.db")));
        }
        var signed = Path.Combine(data, "mail", "outbox", "0005-outbound.eml");
        Assert.True(File.Exists(signed));
        var (verify, text) = await OpenSslRunner.RunAsync("smime", "-verify", "-in", signed, "-CAfile", Path.Combine(data, "emulator", "ca-root.pem"), "-purpose", "smimesign", "-out", "/dev/null");
        Assert.True(verify == 0, text);

        var second = await CliRunner.RunAsync(args);

        Assert.True(second.ExitCode == 0, second.ToString());
        using (var json = JsonDocument.Parse(second.Output))
        {
            var run = json.RootElement;
            Assert.Equal(0, run.GetProperty("newOrders").GetInt64());
            Assert.Equal(0, run.GetProperty("certificatesIssued").GetInt32());
            Assert.Equal(221, run.GetProperty("processed").GetInt32());
            Assert.True(run.GetProperty("signed").GetInt32() >= 190, second.Output);
        }
    }

    [Fact]
    public async Task Demo_TextOutput_SaysWhereTheOutputIs()
    {
        var data = _folder.Combine("demo");
        var mail = _folder.Combine("mail");
        Directory.CreateDirectory(mail);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Mail, "*.eml").Order(StringComparer.Ordinal).Take(6).Append(Path.Combine(RepositoryPaths.Mail, "0218-malformed-garbage.eml")))
        {
            File.Copy(file, Path.Combine(mail, Path.GetFileName(file)));
        }

        var result = await CliRunner.RunAsync("demo", "--data", data, "--mail", mail, "--config", RepositoryPaths.GatewayConfig);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Outbox:", result.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(data, "mail", "outbox"), result.Output, StringComparison.Ordinal);
        Assert.Contains("0218-malformed-garbage.eml: malformed message", result.Output, StringComparison.Ordinal);
        Assert.Contains("orders at the emulator", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    /// <summary>The distinct senders of the managed demo domains in examples/mail.</summary>
    private static int ManagedSendersOfTheCorpus() => Directory.GetFiles(RepositoryPaths.Mail, "*.eml")
        .Select(f => File.ReadLines(f).FirstOrDefault(l => l.StartsWith("From:", StringComparison.Ordinal)))
        .OfType<string>()
        .Select(l => l[(l.IndexOf('<', StringComparison.Ordinal) + 1)..].TrimEnd('>').Trim().ToLowerInvariant())
        .Where(a => a.EndsWith("@example.com", StringComparison.Ordinal) || a.EndsWith("@example.org", StringComparison.Ordinal))
        .Distinct(StringComparer.Ordinal)
        .Count();
}
