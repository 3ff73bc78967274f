using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Demo;

/// <summary>The demo's folders: kept between runs (store, key, emulator) and emptied each run (mail).</summary>
internal sealed record DemoLayout(string Root, string Emulator, string Database, string KeyFile, string Spool, string Outbox, string Deferred, string Rejected)
{
    public static DemoLayout Prepare(string root)
    {
        PrivateFiles.CreateDirectory(root);
        var mail = Path.Combine(root, "mail");
        var layout = new DemoLayout(
            root,
            Path.Combine(root, "emulator"),
            Path.Combine(root, "mpki.db"),
            Path.Combine(root, "kek.b64"),
            Path.Combine(mail, "spool"),
            Path.Combine(mail, "outbox"),
            Path.Combine(mail, "deferred"),
            Path.Combine(mail, "rejected"));
        PrivateFiles.CreateDirectory(layout.Emulator);
        if (Directory.Exists(mail))
        {
            Directory.Delete(mail, recursive: true);
        }

        PrivateFiles.CreateDirectory(mail);

        foreach (var folder in new[] { layout.Spool, layout.Outbox, layout.Deferred, layout.Rejected })
        {
            PrivateFiles.CreateDirectory(folder);
        }

        return layout;
    }

    /// <summary>The rejected messages with the first line of their reason files.</summary>
    public static IReadOnlyList<DemoRejection> ReadRejections(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.eml")
            .Order(StringComparer.Ordinal)
            .Select(file =>
            {
                var reasonFile = Directory.EnumerateFiles(folder, Path.GetFileName(file) + "*reason*").FirstOrDefault()
                    ?? Directory.EnumerateFiles(folder, Path.GetFileNameWithoutExtension(file) + "*reason*").FirstOrDefault();
                var reason = reasonFile is null ? "(no reason file)" : File.ReadLines(reasonFile).LastOrDefault(l => !string.IsNullOrWhiteSpace(l)) ?? "(empty reason file)";
                return new DemoRejection(Path.GetFileName(file), reason.Trim());
            })
            .ToArray();
    }
}
