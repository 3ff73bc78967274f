using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Gateway.Smime;
using MpkiConnector.LocalCa;
using MpkiConnector.Storage;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Benchmarks;

/// <summary>
/// S/MIME signing of a 20 KB body with an RSA-3072 key: our store-backed context (SignedCms, OpenSSL) against
/// MimeKit's BouncyCastle context with the same key and certificate; the bare RSA signature is the baseline (floor).
/// </summary>
[MemoryDiagnoser]
[InProcess] // the generated out-of-process project would inherit the repository's central package management and fail to build
public class SigningBenchmarks
{
    private const string Address = "bench@example.com";
    private readonly MailboxAddress _signer = new("Bench", Address);
    private string _folder = "";
    private SqliteMpkiStore? _store;
    private StoreSecureMimeContext? _ours;
    private TemporarySecureMimeContext? _bouncyCastle;
    private MimeKit.Cryptography.CmsSigner? _bouncyCastleSigner;
    private RSA? _rsa;
    private byte[] _bodyBytes = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _ours?.Dispose();
        _bouncyCastle?.Dispose();
        _rsa?.Dispose();
        _store?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "bare RSA-3072 SHA-256 signature (floor)")]
    public byte[] BareRsa() => _rsa!.SignData(_bodyBytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "MpkiConnector context (SignedCms)")]
    public async Task<MultipartSigned> OurContext() =>
        await MultipartSigned.CreateAsync(_ours!, _signer, DigestAlgorithm.Sha256, Body());

    [Benchmark(Description = "MimeKit BouncyCastle context")]
    public MultipartSigned BouncyCastleContext() =>
        MultipartSigned.Create(_bouncyCastle!, _bouncyCastleSigner!, Body());

    private TextPart Body() => new("plain") { Text = System.Text.Encoding.ASCII.GetString(_bodyBytes) };

    private async Task SetupAsync()
    {
        _folder = Directory.CreateTempSubdirectory("mpki-bench-").FullName;
        _bodyBytes = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", 455)));
        _store = await SqliteMpkiStore.OpenAsync(Path.Combine(_folder, "bench.db"));
        var keys = new SoftwareKeyProvider(_store, Options.Create(new MpkiKeyOptions { KeyEncryptionKey = KeyEncryptionKey.Generate() }), TimeProvider.System);
        using var key = await keys.CreateAsync(MpkiKeyAlgorithm.Rsa3072);
        using var ca = LocalCertificateAuthority.Create("Bench");
        using var certificate = ca.Issue(new LocalIssueRequest(CsrBuilder.CreateForPerson(key, Address, "Bench"), "Bench", 365) { Email = Address });
        await _store.SaveCertificateAsync(new CertificateRecord
        {
            Id = Guid.NewGuid().ToString("N"),
            Address = Address,
            SerialNumber = certificate.SerialNumber,
            Issuer = certificate.Issuer,
            Subject = certificate.Subject,
            Thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256),
            NotBefore = certificate.NotBefore.ToUniversalTime(),
            NotAfter = certificate.NotAfter.ToUniversalTime(),
            Der = certificate.RawData,
            Chain = ca.ChainDer,
            Status = CertificateStatus.Active,
            KeyId = key.KeyId,
            ProviderName = "bench",
            CreatedAt = DateTimeOffset.UtcNow,
        });
        _ours = new StoreSecureMimeContext(_store, _store, [keys], TimeProvider.System);
        _rsa = RSA.Create();
        _rsa.ImportParameters(key.Rsa!.ExportParameters(true));
        using var withKey = certificate.CopyWithPrivateKey(_rsa);
        _bouncyCastle = new TemporarySecureMimeContext();
        _bouncyCastleSigner = new MimeKit.Cryptography.CmsSigner(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable))
        {
            DigestAlgorithm = DigestAlgorithm.Sha256,
        };
    }
}
