using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Reliability.Tests;

/// <summary>What every suite checks at its end: each input delivered once and unchanged, the database whole, every key usable.</summary>
internal static class SuiteChecks
{
    /// <summary>The outbox messages by Message-ID: how often each input arrived, and whether its signed content is the input's.</summary>
    public static (int Delivered, int Duplicates, int Missing, int Changed, int Unsigned) Deliveries(IReadOnlyDictionary<string, string> expected, IEnumerable<string> outboxes)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        int changed = 0, unsigned = 0;
        foreach (var file in outboxes.SelectMany(o => Directory.GetFiles(o, "*.eml")))
        {
            var message = MimeMessage.Load(file);
            var id = $"<{message.MessageId}>";
            seen[id] = seen.GetValueOrDefault(id) + 1;
            var content = message.Body as MultipartSigned is { } signed ? signed[0] as TextPart : null;
            if (content is null)
            {
                unsigned++;
                content = message.Body as TextPart;
            }

            if (!expected.TryGetValue(id, out var hash) || content is null || MailBurst.Hash(content.Text) != hash)
            {
                changed++;
            }
        }

        var duplicates = seen.Values.Sum(n => Math.Max(0, n - 1));
        return (seen.Count(s => expected.ContainsKey(s.Key)), duplicates, expected.Keys.Count(k => !seen.ContainsKey(k)), changed, unsigned);
    }

    public static async Task<string> IntegrityAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA integrity_check", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Keys that belong to no order, no certificate and no pool, created before <paramref name="before"/>.</summary>
    public static async Task<long> OrphanKeysAsync(string database, DateTimeOffset before)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = new SqliteCommand(
            "SELECT count(*) FROM keys k WHERE k.pool_state IS NULL AND k.created_at < $before " +
            "AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.key_id = k.id) AND NOT EXISTS (SELECT 1 FROM certificates c WHERE c.key_id = k.id)", connection);
        command.Parameters.AddWithValue("$before", before.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Opens the key of every active certificate with the KEK and checks it is the certificate's; returns each key's PKCS#8 DER.</summary>
    public static async Task<(int Active, List<byte[]> PrivateKeys)> OpenActiveKeysAsync(string database, string kek)
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddSqliteStore(database).ConfigureKeys(o => o.KeyEncryptionKey = kek);
        await using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<SqliteMpkiStore>();
        var keys = provider.GetRequiredService<SoftwareKeyProvider>();
        var active = await store.ListCertificatesAsync(new Storage.CertificateQuery { Status = Storage.CertificateStatus.Active });
        var privateKeys = new List<byte[]>();
        foreach (var certificate in active)
        {
            using var key = await keys.OpenAsync(certificate.KeyId);
            using var x509 = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.Der);
            Assert.True(x509.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()), $"{certificate.Address}: the key is not the certificate's");
            privateKeys.Add(key.Key.ExportPkcs8PrivateKey());
        }

        return (active.Count, privateKeys);
    }

    /// <summary>Every file under <paramref name="root"/> whose bytes contain one of <paramref name="secrets"/>.</summary>
    public static List<string> FilesContaining(string root, IReadOnlyList<byte[]> secrets) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllBytes(f) is var bytes && secrets.Any(s => bytes.AsSpan().IndexOf(s) >= 0))
            .ToList();

    /// <summary>Files (of the given names' patterns) under <paramref name="root"/> readable or writable by group or others.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static List<string> LooseFiles(string root, params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(root, p, SearchOption.AllDirectories))
            .Where(f => (File.GetUnixFileMode(f) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) != 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
