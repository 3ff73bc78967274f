using MpkiConnector.Gateway.Spool;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

public sealed class MailFoldersTests : IDisposable
{
    private readonly TempDirectory _temp = new("mpki-gw");
    private readonly MailFolders _folders;

    public MailFoldersTests()
    {
        _folders = new MailFolders(_temp.Combine("spool"), _temp.Combine("outbox"), _temp.Combine("deferred"), _temp.Combine("rejected"));
        _folders.EnsureCreated();
    }

    public void Dispose() => _temp.Dispose();

    private SpoolItem Spool(string name, string content = "Subject: x\r\n\r\nbody\r\n")
    {
        var path = Path.Combine(_folders.Spool, name);
        File.WriteAllText(path, content);
        return new SpoolItem(path, null);
    }

    [Fact]
    public async Task RejectAsync_Message_MovedWithReasonAndInputRemoved()
    {
        var item = Spool("a.eml");
        var written = await _folders.RejectAsync(item, "malformed message: no From address", DateTimeOffset.UnixEpoch);
        Assert.False(File.Exists(item.Path));
        Assert.Equal("Subject: x\r\n\r\nbody\r\n", await File.ReadAllTextAsync(written));
        Assert.Contains("no From address", await File.ReadAllTextAsync(MailFolders.ReasonFileOf(written)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliverUnchangedAsync_NameTaken_WritesNextFreeName()
    {
        await File.WriteAllTextAsync(Path.Combine(_folders.Outbox, "a.eml"), "older");
        var written = await _folders.DeliverUnchangedAsync(Spool("a.eml"));
        Assert.Equal("a-1.eml", Path.GetFileName(written));
        Assert.Equal("older", await File.ReadAllTextAsync(Path.Combine(_folders.Outbox, "a.eml")));
        Assert.Empty(Directory.GetFiles(_folders.Spool));
        Assert.Empty(Directory.GetFiles(_folders.Outbox, ".tmp-*"));
    }

    [Fact]
    public async Task DeferAsync_TwiceThenDue_KeepsOneCopyAndCountsAttempts()
    {
        var now = new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await _folders.DeferAsync(Spool("a.eml"), "pending", now, now.AddMinutes(2));
        Assert.Empty(await _folders.ListDeferredAsync(now.AddMinutes(1)));
        var due = Assert.Single(await _folders.ListDeferredAsync(now.AddMinutes(2)));
        await _folders.DeferAsync(due, "still pending", now.AddMinutes(2), now.AddMinutes(4));
        var again = Assert.Single(await _folders.ListDeferredAsync(now.AddMinutes(5)));
        Assert.Equal(2, again.Deferral!.Attempts);
        Assert.Equal(now, again.Deferral.FirstDeferredAt);
        Assert.Equal("still pending", again.Deferral.Reason);
        Assert.Single(Directory.GetFiles(_folders.Deferred, "*.eml"));
        Assert.Empty(Directory.GetFiles(_folders.Spool));
    }

    [Fact]
    public async Task DeliverAsync_FromDeferred_RemovesMessageAndState()
    {
        var now = DateTimeOffset.UnixEpoch;
        await _folders.DeferAsync(Spool("a.eml"), "pending", now, now);
        var due = Assert.Single(await _folders.ListDeferredAsync(now));
        await _folders.DeliverUnchangedAsync(due);
        Assert.Empty(Directory.GetFiles(_folders.Deferred));
        Assert.Single(Directory.GetFiles(_folders.Outbox));
    }

    [Fact]
    public async Task DeliverAsync_WriterThrows_InputKeptAndNoPartialOutput()
    {
        var item = Spool("a.eml");
        await Assert.ThrowsAsync<InvalidOperationException>(() => _folders.DeliverAsync(item, (_, _) => throw new InvalidOperationException("boom")));
        Assert.True(File.Exists(item.Path));
        Assert.Empty(Directory.GetFiles(_folders.Outbox));
    }
}
