using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MpkiConnector.Reliability.Tests;

/// <summary>A seeded burst of messages from first-seen senders: each with a unique Message-ID and body, remembered by its body's hash.</summary>
internal static class MailBurst
{
    /// <summary>Writes <paramref name="count"/> messages from <paramref name="senders"/> senders into the spools (round robin); returns Message-ID to body hash.</summary>
    public static Dictionary<string, string> Write(IReadOnlyList<string> spools, int seed, int count, int senders, int first = 0, int firstSender = 0, string domain = "example.com")
    {
        var random = new Random(HashCode.Combine(seed, first));
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = first; i < first + count; i++)
        {
            var id = string.Create(CultureInfo.InvariantCulture, $"<burst-{seed}-{i:D6}@reliability.test>");
            var body = string.Create(CultureInfo.InvariantCulture, $"Message {i} of seed {seed}: {random.NextInt64():X16}{random.NextInt64():X16}\r\n");
            var number = firstSender + ((i - first) % senders);
            var sender = string.Create(CultureInfo.InvariantCulture, $"sender{number:D5}@{domain}");
            var text = $"From: Sender {number} <{sender}>\r\nTo: someone@partner.test\r\nSubject: burst {i}\r\nMessage-ID: {id}\r\n" +
                "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + body;
            var path = Path.Combine(spools[i % spools.Count], string.Create(CultureInfo.InvariantCulture, $"m{i:D6}.eml"));
            File.WriteAllText(path + ".tmp", text);
            File.Move(path + ".tmp", path);
            expected[id] = Hash(body);
        }

        return expected;
    }

    public static string Hash(string body) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd())));

}
