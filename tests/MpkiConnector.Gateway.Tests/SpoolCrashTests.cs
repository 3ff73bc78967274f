using System.Diagnostics;
using MpkiConnector.Gateway.Spool;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

/// <summary>Issue 17 item 3 and 10: a kill between two durable steps neither loses nor duplicates a message, nor leaves clutter.</summary>
public sealed class SpoolCrashTests : IDisposable
{
    private readonly TempDirectory _temp = new("mpki-crash");
    private readonly MailFolders _folders;

    public SpoolCrashTests()
    {
        _folders = new MailFolders(_temp.Combine("spool"), _temp.Combine("outbox"), _temp.Combine("deferred"), _temp.Combine("rejected"));
        _folders.EnsureCreated();
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DeliverAsync_KilledAfterRenameIntoOutbox_NextRunRemovesInputWithoutSecondDelivery()
    {
        await File.WriteAllTextAsync(Path.Combine(_folders.Spool, "a.eml"), "Subject: x\r\n\r\nbody\r\n");
        var claimed = MailFolders.Claim(Assert.Single(_folders.ListSpool()))!;
        _folders.AfterStep = step => throw new SimulatedKillException(step);

        await Assert.ThrowsAsync<SimulatedKillException>(() => _folders.DeliverUnchangedAsync(claimed));
        SpoolOwner.Release(claimed.ClaimToken!); // the process is gone
        _folders.AfterStep = null;
        _folders.EnsureCreated(); // the next run

        Assert.Empty(_folders.ListSpool());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folders.Spool));
        Assert.Equal(["a.eml"], Directory.GetFiles(_folders.Outbox).Select(Path.GetFileName));
    }

    [Fact]
    public async Task DeliverAsync_KilledBeforeRename_NextRunProcessesInputAgain()
    {
        await File.WriteAllTextAsync(Path.Combine(_folders.Spool, "a.eml"), "Subject: x\r\n\r\nbody\r\n");
        var claimed = MailFolders.Claim(Assert.Single(_folders.ListSpool()))!;

        await Assert.ThrowsAsync<SimulatedKillException>(() => _folders.DeliverAsync(claimed, (_, _) => throw new SimulatedKillException("writing")));
        SpoolOwner.Release(claimed.ClaimToken!);
        _folders.EnsureCreated();

        var again = Assert.Single(_folders.ListSpool());
        Assert.Equal("a.eml", again.FileName);
        await _folders.DeliverUnchangedAsync(MailFolders.Claim(again)!);
        Assert.Equal(["a.eml"], Directory.GetFiles(_folders.Outbox).Select(Path.GetFileName));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folders.Spool));
    }

    [Fact]
    public async Task EnsureCreated_ClaimOfDeadProcessWhoseResultDiffers_InputPutBack()
    {
        // A claim whose intent names an outbox file with other content (another message took the name): not delivered.
        var dead = DeadProcessId();
        var claim = Path.Combine(_folders.Spool, $"a.eml.{dead}-0badc0de-{Guid.NewGuid():N}.claim");
        await File.WriteAllTextAsync(claim, "Subject: mine\r\n\r\nbody\r\n");
        await File.WriteAllTextAsync(Path.Combine(_folders.Outbox, "a.eml"), "Subject: someone else's\r\n\r\nbody\r\n");
        await File.WriteAllTextAsync(claim + ".intent", $"{{\"Target\":\"{Path.Combine(_folders.Outbox, "a.eml")}\",\"Sha256\":\"00\"}}");

        _folders.EnsureCreated();

        Assert.Equal("Subject: mine\r\n\r\nbody\r\n", await File.ReadAllTextAsync(Path.Combine(_folders.Spool, "a.eml")));
        Assert.Equal(["a.eml"], Directory.GetFiles(_folders.Spool).Select(Path.GetFileName));
    }

    [Fact]
    public async Task EnsureCreated_TempFilesOfDeadProcess_RemovedAndLiveOnesKept()
    {
        var stale = Path.Combine(_folders.Outbox, $"{DurableFile.TempPrefix}{DeadProcessId()}-0badc0de-{Guid.NewGuid():N}");
        var live = Path.Combine(_folders.Deferred, DurableFile.TempPrefix + SpoolOwner.NewToken(track: false));
        await File.WriteAllTextAsync(stale, "half a message");
        await File.WriteAllTextAsync(live, "being written");

        _folders.EnsureCreated();

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
    }

    private static int DeadProcessId()
    {
        using var process = Process.Start("true");
        process.WaitForExit();
        return process.Id;
    }

    private sealed class SimulatedKillException(string step) : Exception($"killed at {step}");
}
