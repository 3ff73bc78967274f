using System.Globalization;
using System.Text;
using System.Text.Json;
using MpkiConnector.Diagnostics;

namespace MpkiConnector.Gateway.Spool;

/// <summary>
/// The spool, outbox, deferred spool and rejected folder. Every input ends in exactly one of the last three: an input
/// is claimed (<see cref="SpoolClaims"/>), its result written durably (temp file, flush, atomic rename, flush of the
/// folder) and only then the input removed; a kill in between is detected by the next run, which does not deliver twice.
/// Folders are created 0700 and files 0600, whatever the umask.
/// </summary>
internal sealed class MailFolders
{
    private const string DeferSuffix = ".defer.json";
    private const string ReasonSuffix = ".reason.txt";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public MailFolders(string spool, string outbox, string deferred, string rejected)
    {
        Spool = spool;
        Outbox = outbox;
        Deferred = deferred;
        Rejected = rejected;
    }

    public string Spool { get; }

    public string Outbox { get; }

    public string Deferred { get; }

    public string Rejected { get; }

    /// <summary>For tests: called with <c>"written"</c> after a result is renamed into place and before the input is removed.</summary>
    internal Action<string>? AfterStep { get; set; }

    /// <summary>Creates the folders, then finishes what killed processes left: claims are delivered or put back, temp files removed.</summary>
    public void EnsureCreated()
    {
        foreach (var folder in new[] { Spool, Outbox, Deferred, Rejected })
        {
            DurableFile.CreateFolder(folder);
        }

        SpoolClaims.RecoverStale(Spool, DeferSuffix);
        SpoolClaims.RecoverStale(Deferred, DeferSuffix);
        foreach (var folder in new[] { Outbox, Deferred, Rejected })
        {
            DurableFile.RemoveStaleTemps(folder);
        }
    }

    /// <summary>The entries waiting in the spool, by name (whatever their kind: <see cref="Inspect"/> says which can be read).</summary>
    public IReadOnlyList<SpoolItem> ListSpool() =>
        Directory.Exists(Spool)
            ? Directory.EnumerateFileSystemEntries(Spool, "*.eml").Order(StringComparer.Ordinal).Select(p => new SpoolItem(p, null)).ToArray()
            : [];

    /// <summary>The deferred messages whose next attempt is due at <paramref name="now"/> (all of them when <paramref name="now"/> is null).</summary>
    public async Task<IReadOnlyList<SpoolItem>> ListDeferredAsync(DateTimeOffset? now, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(Deferred))
        {
            return [];
        }

        var due = new List<SpoolItem>();
        foreach (var path in Directory.EnumerateFiles(Deferred, "*.eml").Order(StringComparer.Ordinal))
        {
            var state = await ReadDeferralAsync(path, cancellationToken).ConfigureAwait(false);
            if (now is null || state is null || state.NextAttemptAt <= now)
            {
                due.Add(new SpoolItem(path, state ?? new DeferralState(now ?? DateTimeOffset.MinValue, 0, DateTimeOffset.MinValue, "unknown")));
            }
        }

        return due;
    }

    /// <summary>Claims the input for this process; null when another process took it or it vanished.</summary>
    public static SpoolItem? Claim(SpoolItem item) => SpoolClaims.Claim(item);

    /// <summary>Ends a claim; an input still there goes back under its name.</summary>
    public static void Release(SpoolItem item) => SpoolClaims.Release(item);

    /// <summary>Why the entry cannot be processed as a message (not a regular readable file, or over <paramref name="maxBytes"/>); null when it can.</summary>
    public static string? Inspect(SpoolItem item, long maxBytes)
    {
        var info = new FileInfo(item.Path);
        if (info.LinkTarget is not null)
        {
            return "the spool entry is a symbolic link, not a regular file";
        }

        if (Directory.Exists(item.Path))
        {
            return "the spool entry is a folder, not a file";
        }

        if (!info.Exists)
        {
            return "the spool entry vanished";
        }

        if (info.Length == 0)
        {
            return "the spool entry is empty or not a regular file (FIFO, socket or device)";
        }

        if (info.Length > maxBytes)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the message is {info.Length} bytes, over the limit of {maxBytes} bytes (MaxMessageBytes)");
        }

        try
        {
            using var handle = File.OpenHandle(item.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"the spool entry cannot be read: {ex.Message}";
        }
    }

    /// <summary>Moves an entry that is not a readable message (or too big to read) to the rejected folder as it is, with a reason file.</summary>
    public async Task<string> SetAsideAsync(SpoolItem item, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        DurableFile.CreateFolder(Rejected);
        string target;
        for (var n = 0; ; n++)
        {
            target = Path.Combine(Rejected, n == 0 ? item.FileName : $"{Path.GetFileNameWithoutExtension(item.FileName)}-{n}{Path.GetExtension(item.FileName)}");
            if (!File.Exists(target) && !Directory.Exists(target) && new FileInfo(target).LinkTarget is null)
            {
                break;
            }
        }

        try
        {
            if (!SpoolNativeMethods.TryRename(item.Path, target))
            {
                return target; // gone meanwhile
            }
        }
        catch (IOException)
        {
            // Another file system: keep it beside the spool under a name no run picks up again.
            target = Path.Combine(Path.GetDirectoryName(item.Path)!, item.FileName + ".rejected");
            SpoolNativeMethods.TryRename(item.Path, target);
        }

        SpoolNativeMethods.SyncFolder(Path.GetDirectoryName(item.Path)!);
        await WriteReasonAsync(target, item.FileName, reason, now, cancellationToken).ConfigureAwait(false);
        DurableFile.TryDelete(Path.Combine(Path.GetDirectoryName(item.Path)!, item.FileName + DeferSuffix));
        Release(item);
        return target;
    }

    /// <summary>Writes the processed message to the outbox, then removes the input.</summary>
    public async Task<string> DeliverAsync(SpoolItem item, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var written = await WriteResultAsync(item, Outbox, write, cancellationToken).ConfigureAwait(false);
        RemoveInput(item);
        return written;
    }

    /// <summary>Copies the input unchanged to the outbox, then removes it.</summary>
    public Task<string> DeliverUnchangedAsync(SpoolItem item, CancellationToken cancellationToken = default) =>
        DeliverAsync(item, (s, ct) => CopyFromAsync(item.Path, s, ct), cancellationToken);

    /// <summary>Keeps the message in the deferred spool until <paramref name="nextAttemptAt"/>.</summary>
    public async Task DeferAsync(SpoolItem item, string reason, DateTimeOffset now, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        var state = item.Deferral is { } previous
            ? previous with { Attempts = previous.Attempts + 1, NextAttemptAt = nextAttemptAt, Reason = reason }
            : new DeferralState(now, 1, nextAttemptAt, reason);
        if (item.Deferral is not null && File.Exists(item.Path) && IsIn(item.Path, Deferred))
        {
            var original = Path.Combine(Deferred, item.FileName);
            await WriteDeferralAsync(original, state, cancellationToken).ConfigureAwait(false);
            if (SpoolClaims.Release(item) is { } restored && !string.Equals(restored, original, StringComparison.Ordinal))
            {
                await WriteDeferralAsync(restored, state, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        var written = await WriteResultAsync(item, Deferred, (s, ct) => CopyFromAsync(item.Path, s, ct), cancellationToken).ConfigureAwait(false);
        await WriteDeferralAsync(written, state, cancellationToken).ConfigureAwait(false);
        RemoveInput(item);
    }

    /// <summary>Moves the input to the rejected folder with a reason file beside it.</summary>
    public async Task<string> RejectAsync(SpoolItem item, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var written = await WriteResultAsync(item, Rejected, (s, ct) => CopyFromAsync(item.Path, s, ct), cancellationToken).ConfigureAwait(false);
        await WriteReasonAsync(written, item.FileName, reason, now, cancellationToken).ConfigureAwait(false);
        RemoveInput(item);
        return written;
    }

    /// <summary>The reason file of a rejected message.</summary>
    public static string ReasonFileOf(string rejectedPath) => rejectedPath + ReasonSuffix;

    private async Task<string> WriteResultAsync(SpoolItem item, string folder, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        KillPoints.Reach("spool.before-write");
        var written = await DurableFile.WriteNewAsync(
            folder,
            item.FileName,
            write,
            (target, sha256, ct) => SpoolClaims.WriteIntentAsync(item, target, sha256, ct),
            cancellationToken).ConfigureAwait(false);
        KillPoints.Reach("spool.written");
        AfterStep?.Invoke("written");
        return written;
    }

    private static Task WriteReasonAsync(string rejectedPath, string fileName, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{now:O}{Environment.NewLine}{fileName}{Environment.NewLine}{reason}{Environment.NewLine}");
        return DurableFile.ReplaceAsync(rejectedPath + ReasonSuffix, (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask(), cancellationToken);
    }

    private static async Task CopyFromAsync(string path, Stream destination, CancellationToken cancellationToken)
    {
        var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<DeferralState?> ReadDeferralAsync(string messagePath, CancellationToken cancellationToken)
    {
        try
        {
            var stream = File.OpenRead(messagePath + DeferSuffix);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<DeferralState>(stream, Json, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null; // none, or unreadable: due now
        }
    }

    private static Task WriteDeferralAsync(string messagePath, DeferralState state, CancellationToken cancellationToken) =>
        DurableFile.ReplaceAsync(messagePath + DeferSuffix, (s, ct) => JsonSerializer.SerializeAsync(s, state, Json, ct), cancellationToken);

    private static bool IsIn(string path, string folder) =>
        string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), StringComparison.Ordinal);

    private static void RemoveInput(SpoolItem item)
    {
        var folder = Path.GetDirectoryName(item.Path)!;
        KillPoints.Reach("spool.before-remove");
        File.Delete(item.Path);
        SpoolNativeMethods.SyncFolder(folder);
        KillPoints.Reach("spool.removed");
        DurableFile.TryDelete(item.Path + SpoolClaims.IntentSuffix);
        DurableFile.TryDelete(Path.Combine(folder, item.FileName + DeferSuffix));
        if (item.ClaimToken is not null)
        {
            SpoolOwner.Release(item.ClaimToken);
        }
    }
}
