using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Smime;
using MpkiConnector.LocalCa;
using MpkiConnector.Storage;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Benchmarks;

/// <content>Signing at scale: one sender, and 2,000 senders round-robin, against the bare RSA-3072 signature (the floor).</content>
internal static partial class QuickHarness
{
    private const int Senders = 2000;

    /// <summary>
    /// 2,000 senders, each with its own certificate and its own sealed copy of one RSA-3072 key (generating 2,000 keys
    /// would take 15 minutes here; opening a sealed key costs the same whichever key it is), signing a 20 KB body in turn.
    /// </summary>
    private static async Task SigningAsync(string folder)
    {
        var body = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", 455)));
        using var store = await SqliteMpkiStore.OpenAsync(Path.Combine(folder, "signing.db")).ConfigureAwait(false);
        var kek = KeyEncryptionKey.Generate();
        var keys = new SoftwareKeyProvider(store, Options.Create(new MpkiKeyOptions { KeyEncryptionKey = kek }), TimeProvider.System);
        using var ca = LocalCertificateAuthority.Create("Bench");
        using var rsa = RSA.Create(3072);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        var spki = rsa.ExportSubjectPublicKeyInfo();
        var records = new List<CertificateRecord>();
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Senders; i++)
        {
            var address = $"s{i}@example.com";
            var keyId = "sw-" + i;
            await store.SaveKeyAsync(new StoredKey(keyId, SoftwareKeyProvider.ProviderKind, MpkiKeyAlgorithm.Rsa3072, KeySealer.Seal(Convert.FromBase64String(kek), keyId, pkcs8), null, spki, now)).ConfigureAwait(false);
            using var certificate = ca.Issue(new LocalIssueRequest(new System.Security.Cryptography.X509Certificates.CertificateRequest($"CN={address}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem(), address, 365) { Email = address });
            records.Add(new CertificateRecord
            {
                Id = Guid.NewGuid().ToString("N"), Address = address, SerialNumber = certificate.SerialNumber, Issuer = certificate.Issuer, Subject = certificate.Subject,
                Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256), NotBefore = certificate.NotBefore.ToUniversalTime(), NotAfter = certificate.NotAfter.ToUniversalTime(),
                Der = certificate.RawData, Chain = ca.ChainDer, Status = CertificateStatus.Active, KeyId = keyId, ProviderName = "bench", CreatedAt = now,
            });
        }

        await store.SaveCertificatesAsync(records).ConfigureAwait(false);
        var floor = Rate(1000, _ => rsa.SignData(body, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        foreach (var (senders, cache, label) in new[] { (1, StoreSecureMimeContext.DefaultCredentialCacheCapacity, "one sender"), (Senders, 1024, "2,000 senders round-robin, cache 1,024 (before)"), (Senders, StoreSecureMimeContext.DefaultCredentialCacheCapacity, "2,000 senders round-robin, default cache") })
        {
            using var context = new StoreSecureMimeContext(store, store, [keys], TimeProvider.System, cache);
            var text = System.Text.Encoding.ASCII.GetString(body);
            for (var i = 0; i < senders; i++)
            {
                await MultipartSigned.CreateAsync(context, new MailboxAddress("S", $"s{i}@example.com"), DigestAlgorithm.Sha256, new TextPart("plain") { Text = text }).ConfigureAwait(false); // warm: every sender has signed once
            }

            var count = Math.Max(1000, senders);
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await MultipartSigned.CreateAsync(context, new MailboxAddress("S", $"s{i % senders}@example.com"), DigestAlgorithm.Sha256, new TextPart("plain") { Text = text }).ConfigureAwait(false);
            }

            var ours = count / watch.Elapsed.TotalSeconds;
            Add($"signing, RSA-3072, 20 KB, {label}", $"{ours:0}/s", $"bare RSA sign + SHA-256 {floor:0}/s", ours / floor, ">= 0.7x floor", ours / floor >= 0.7);
        }
    }

    private static double Rate(int count, Action<int> work)
    {
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            work(i);
        }

        return count / watch.Elapsed.TotalSeconds;
    }
}
