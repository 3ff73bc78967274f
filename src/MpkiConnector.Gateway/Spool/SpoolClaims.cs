using System.Security.Cryptography;
using System.Text.Json;

namespace MpkiConnector.Gateway.Spool;

/// <summary>
/// Claims an input by renaming it to <c>NAME.TOKEN.claim</c> in its own folder: of two gateways on one spool only one
/// rename succeeds, and a file that vanished is simply skipped. A claim left by a killed process is finished (its
/// result was delivered: <see cref="DeliveryIntent"/>) or put back under its name.
/// </summary>
internal static class SpoolClaims
{
    public const string ClaimSuffix = ".claim";
    public const string IntentSuffix = ".intent";

    /// <summary>Claims <paramref name="item"/>; null when it is gone (taken by another process, or removed).</summary>
    public static SpoolItem? Claim(SpoolItem item)
    {
        var token = SpoolOwner.NewToken(track: true);
        var claimed = $"{item.Path}.{token}{ClaimSuffix}";
        if (!SpoolNativeMethods.TryRename(item.Path, claimed))
        {
            SpoolOwner.Release(token);
            return null;
        }

        return item with { Path = claimed, ClaimToken = token };
    }

    /// <summary>Puts a claimed input back under its name (a free one) when it is still there, and ends the claim.</summary>
    public static string? Release(SpoolItem item)
    {
        if (item.ClaimToken is null)
        {
            return item.Path;
        }

        var restored = Exists(item.Path) ? Restore(item.Path, Path.GetDirectoryName(item.Path)!, item.FileName) : null;
        SpoolOwner.Release(item.ClaimToken);
        return restored;
    }

    /// <summary>Writes the intent of a claimed input durably; nothing for an unclaimed one.</summary>
    public static Task WriteIntentAsync(SpoolItem item, string target, string sha256, CancellationToken cancellationToken) =>
        item.ClaimToken is null
            ? Task.CompletedTask
            : DurableFile.ReplaceAsync(item.Path + IntentSuffix, (s, ct) => JsonSerializer.SerializeAsync(s, new DeliveryIntent(target, sha256), cancellationToken: ct), cancellationToken);

    /// <summary>Finishes or puts back the claims in <paramref name="folder"/> that a killed process left.</summary>
    public static void RecoverStale(string folder, string deferSuffix)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var entry in Directory.EnumerateFileSystemEntries(folder, "*" + ClaimSuffix))
        {
            var core = Path.GetFileName(entry)[..^ClaimSuffix.Length];
            var dot = core.LastIndexOf('.');
            if (dot <= 0 || !SpoolOwner.IsStale(core[(dot + 1)..], tracked: true))
            {
                continue;
            }

            var original = core[..dot];
            var intent = entry + IntentSuffix;
            if (WasDelivered(intent))
            {
                DurableFile.TryDelete(entry);
                DurableFile.TryDelete(Path.Combine(folder, original + deferSuffix));
                SpoolNativeMethods.SyncFolder(folder);
            }
            else
            {
                Restore(entry, folder, original);
            }

            DurableFile.TryDelete(intent);
        }

        foreach (var intent in Directory.EnumerateFiles(folder, "*" + ClaimSuffix + IntentSuffix))
        {
            var claim = intent[..^IntentSuffix.Length];
            var core = Path.GetFileName(claim)[..^ClaimSuffix.Length];
            if (!Exists(claim) && SpoolOwner.IsStale(core[(core.LastIndexOf('.') + 1)..], tracked: true))
            {
                DurableFile.TryDelete(intent);
            }
        }
    }

    private static bool WasDelivered(string intentPath)
    {
        try
        {
            var intent = JsonSerializer.Deserialize<DeliveryIntent>(File.ReadAllBytes(intentPath));
            if (intent is null || !File.Exists(intent.Target))
            {
                return false;
            }

            using var stream = File.OpenRead(intent.Target);
            return string.Equals(Convert.ToHexStringLower(SHA256.HashData(stream)), intent.Sha256, StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException)
        {
            return false;
        }
    }

    private static string? Restore(string entry, string folder, string name)
    {
        var stem = Path.GetFileNameWithoutExtension(name);
        var extension = Path.GetExtension(name);
        for (var n = 0; ; n++)
        {
            var target = Path.Combine(folder, n == 0 ? name : $"{stem}-{n}{extension}");
            if (!Exists(target))
            {
                return SpoolNativeMethods.TryRename(entry, target) ? target : null;
            }
        }
    }

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;
}
