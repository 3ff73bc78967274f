using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using MimeKit;
using MimeKit.Cryptography;

namespace MpkiConnector.Gateway.Tests;

/// <summary>Issue 17 items 2 and 10: spool entries that are not messages, two gateways on one spool, file modes.</summary>
public sealed class SpoolRobustnessTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ProcessOnceAsync_LinkFifoFolderEmptyAndUnreadableEntries_SetAsideWithReasonAndOthersDelivered()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        File.CreateSymbolicLink(Path.Combine(h.Spool, "0-dangling.eml"), "/nonexistent/mpki-target.eml");
        File.CreateSymbolicLink(Path.Combine(h.Spool, "1-shadow.eml"), "/etc/hostname");
        Run("mkfifo", Path.Combine(h.Spool, "2-fifo.eml"));
        Directory.CreateDirectory(Path.Combine(h.Spool, "3-folder.eml"));
        await File.WriteAllTextAsync(Path.Combine(h.Spool, "4-empty.eml"), "");
        h.WriteMail("5-good.eml", "alice@example.com", "bob@partner.test");

        var summary = await gateway.ProcessOnceAsync().WaitAsync(Bound);

        Assert.Equal(1, summary.Signed);
        Assert.Equal(5, summary.Rejected);
        Assert.Contains("symbolic link", await Reason(h, "0-dangling.eml"), StringComparison.Ordinal);
        Assert.Contains("symbolic link", await Reason(h, "1-shadow.eml"), StringComparison.Ordinal);
        Assert.Contains("FIFO", await Reason(h, "2-fifo.eml"), StringComparison.Ordinal);
        Assert.Contains("folder", await Reason(h, "3-folder.eml"), StringComparison.Ordinal);
        Assert.Contains("empty", await Reason(h, "4-empty.eml"), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(h.Spool));
        Assert.Equal(["5-good.eml"], Directory.GetFiles(h.Outbox).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ProcessOnceAsync_TwoGatewaysOnOneSpoolAndOneDeferredFolder_EachMessageDeliveredOnceNeitherFails()
    {
        await using var a = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        await using var b = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        a.Start();
        b.Config["Folders"] = new JsonObject { ["Spool"] = a.Spool, ["Outbox"] = a.Outbox, ["Deferred"] = a.Deferred, ["Rejected"] = a.Rejected };
        b.Start();
        var ids = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            var folder = i % 3 == 0 ? a.Deferred : null;
            ids.Add(GatewayHarness.Load(a.WriteMail($"m{i:D3}.eml", $"user{i}@elsewhere.test", "bob@partner.test", folder: folder)).MessageId!);
        }

        var runs = await Task.WhenAll(
            a.Gateway!.ProcessOnceRetryingDeferredAsync(),
            b.Gateway!.ProcessOnceRetryingDeferredAsync(),
            a.Gateway!.ProcessOnceRetryingDeferredAsync()).WaitAsync(Bound);

        Assert.Equal(150, runs.Sum(r => r.PassedThrough));
        Assert.Equal(0, runs.Sum(r => r.Rejected + r.Deferred));
        var delivered = Directory.GetFiles(a.Outbox).Select(p => GatewayHarness.Load(p).MessageId).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), delivered);
        Assert.Empty(Directory.EnumerateFileSystemEntries(a.Spool));
        Assert.Empty(Directory.EnumerateFileSystemEntries(a.Deferred));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task ProcessOnceAsync_AnyUmask_FoldersOwnerOnlyAndMailFilesOwnerOnly()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        h.WriteMail("a.eml", "alice@example.com", "bob@partner.test");
        await File.WriteAllTextAsync(Path.Combine(h.Spool, "b.eml"), "not a message\r\n");

        await gateway.ProcessOnceAsync();

        const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode Mail = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        foreach (var folder in new[] { h.Outbox, h.Deferred, h.Rejected })
        {
            Assert.Equal(Folder, File.GetUnixFileMode(folder));
        }

        Assert.Equal(Mail, File.GetUnixFileMode(Path.Combine(h.Outbox, "a.eml")));
        Assert.Equal(Mail, File.GetUnixFileMode(Path.Combine(h.Rejected, "b.eml")));
        Assert.Equal(Mail, File.GetUnixFileMode(Path.Combine(h.Rejected, "b.eml.reason.txt")));
    }

    [Fact]
    public async Task ProcessOnceAsync_TrailingDotInFrom_OutgoingFromMatchesCertificateAddress()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        await File.WriteAllTextAsync(Path.Combine(h.Spool, "a.eml"), "From: alice@example.com.\r\nTo: bob@partner.test\r\nSubject: hi\r\nMessage-Id: <1@x.test>\r\n\r\nbody\r\n");

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Signed);
        var fromLine = File.ReadLines(Path.Combine(h.Outbox, "a.eml")).First(l => l.StartsWith("From:", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("From: alice@example.com", fromLine.TrimEnd());
        Assert.Equal("alice@example.com", Assert.Single(h.Fake().Orders).Request.Subject);
    }

    [Theory]
    [InlineData("A sender whose display name is far longer than the sixty-four characters a CN holds", "A sender whose display name is far longer than the sixty-four ch")]
    [InlineData("Alice\u202E gnp.exe", "Alice gnp.exe")]
    [InlineData("\u202E\u2066", "alice@example.com")]
    public async Task ProcessOnceAsync_HostileDisplayName_CertificateIssuedWithCleanCommonName(string displayName, string commonName)
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        var gateway = h.Start();
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(displayName, "alice@example.com"));
        message.To.Add(MailboxAddress.Parse("bob@partner.test"));
        message.Subject = "hi";
        message.Body = new TextPart("plain") { Text = "body" };
        await message.WriteToAsync(Path.Combine(h.Spool, "a.eml"));

        var summary = await gateway.ProcessOnceAsync();

        Assert.Equal(1, summary.Signed);
        Assert.IsType<MultipartSigned>(GatewayHarness.Load(Path.Combine(h.Outbox, "a.eml")).Body);
        var request = Assert.Single(h.Fake().Orders).Request;
        var subject = CertificateRequest.LoadSigningRequestPem(request.CsrPem, HashAlgorithmName.SHA256).SubjectName.Name;
        Assert.Contains($"CN={commonName}", subject, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', subject);
    }

    private static async Task<string> Reason(GatewayHarness h, string name) =>
        await File.ReadAllTextAsync(Path.Combine(h.Rejected, name + ".reason.txt"));

    private static void Run(string file, string argument)
    {
        using var process = Process.Start(file, argument);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
