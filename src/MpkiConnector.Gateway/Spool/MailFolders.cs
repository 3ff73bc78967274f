using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MpkiConnector.Gateway.Spool;

/// <summary>
/// The spool, outbox, deferred spool and rejected folder. Every input ends in exactly one of the last three: the result
/// is written durably (temp file, flush, atomic rename) before the input is removed.
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

    public void EnsureCreated()
    {
        foreach (var folder in new[] { Spool, Outbox, Deferred, Rejected })
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>The messages waiting in the spool, by name.</summary>
    public IReadOnlyList<SpoolItem> ListSpool() =>
        Directory.Exists(Spool)
            ? Directory.EnumerateFiles(Spool, "*.eml").Order(StringComparer.Ordinal).Select(p => new SpoolItem(p, null)).ToArray()
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

    /// <summary>Writes the processed message to the outbox, then removes the input.</summary>
    public async Task<string> DeliverAsync(SpoolItem item, Func<Stream, CancellationToken, Task> write, CancellationToken cancellationToken = default)
    {
        var written = await DurableFile.WriteNewAsync(Outbox, item.FileName, write, cancellationToken).ConfigureAwait(false);
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
            await WriteDeferralAsync(item.Path, state, cancellationToken).ConfigureAwait(false);
            return;
        }

        var written = await DurableFile.WriteNewAsync(Deferred, item.FileName, (s, ct) => CopyFromAsync(item.Path, s, ct), cancellationToken).ConfigureAwait(false);
        await WriteDeferralAsync(written, state, cancellationToken).ConfigureAwait(false);
        RemoveInput(item);
    }

    /// <summary>Moves the input to the rejected folder with a reason file beside it.</summary>
    public async Task<string> RejectAsync(SpoolItem item, string reason, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var written = await DurableFile.WriteNewAsync(Rejected, item.FileName, (s, ct) => CopyFromAsync(item.Path, s, ct), cancellationToken).ConfigureAwait(false);
        var text = string.Create(CultureInfo.InvariantCulture, $"{now:O}{Environment.NewLine}{item.FileName}{Environment.NewLine}{reason}{Environment.NewLine}");
        await DurableFile.ReplaceAsync(written + ReasonSuffix, (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes(text), ct).AsTask(), cancellationToken).ConfigureAwait(false);
        RemoveInput(item);
        return written;
    }

    /// <summary>The reason file of a rejected message.</summary>
    public static string ReasonFileOf(string rejectedPath) => rejectedPath + ReasonSuffix;

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
        var path = messagePath + DeferSuffix;
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var stream = File.OpenRead(path);
            await using (stream.ConfigureAwait(false))
            {
                return await JsonSerializer.DeserializeAsync<DeferralState>(stream, Json, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Task WriteDeferralAsync(string messagePath, DeferralState state, CancellationToken cancellationToken) =>
        DurableFile.ReplaceAsync(messagePath + DeferSuffix, (s, ct) => JsonSerializer.SerializeAsync(s, state, Json, ct), cancellationToken);

    private static bool IsIn(string path, string folder) =>
        string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)), StringComparison.Ordinal);

    private static void RemoveInput(SpoolItem item)
    {
        File.Delete(item.Path);
        DurableFile.TryDelete(item.Path + DeferSuffix);
    }
}
