using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

public sealed class SoftwareKeyProviderTests : IDisposable
{
    private readonly TempDirectory _folder = new("mpki-core-keys");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(MpkiKeyAlgorithm.EcdsaP256)]
    [InlineData(MpkiKeyAlgorithm.EcdsaP384)]
    [InlineData(MpkiKeyAlgorithm.EcdsaP521)]
    [InlineData(MpkiKeyAlgorithm.Rsa2048)]
    public async Task CreateAsync_ThenOpenAsync_RoundTripsAKeyThatSigns(MpkiKeyAlgorithm algorithm)
    {
        using var store = await SqliteMpkiStore.OpenAsync(_folder.File("keys.db"));
        var kek = KeyEncryptionKey.Generate();
        using var created = await TestKeys.Provider(store, kek).CreateAsync(algorithm);

        // A second provider instance (a restarted process) with the same KEK opens it.
        using var opened = await TestKeys.Provider(store, kek).OpenAsync(created.KeyId);

        Assert.Equal(algorithm, opened.Algorithm);
        Assert.Equal(SoftwareKeyProvider.ProviderKind, opened.ProviderKind);
        Assert.Equal(created.ExportSubjectPublicKeyInfo(), opened.ExportSubjectPublicKeyInfo());
        var data = Encoding.UTF8.GetBytes("signed by the reopened key");
        if (opened.Rsa is { } rsa)
        {
            var signature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.True(created.Rsa!.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
        else
        {
            var signature = opened.Ecdsa!.SignData(data, HashAlgorithmName.SHA256);
            Assert.True(created.Ecdsa!.VerifyData(data, signature, HashAlgorithmName.SHA256));
        }

        var stored = await store.GetKeyAsync(created.KeyId);
        Assert.NotNull(stored!.EncryptedPkcs8);
        Assert.Equal(created.ExportSubjectPublicKeyInfo(), stored.PublicKeyInfo);
    }

    [Fact]
    public async Task OpenAsync_WrongKek_FailsWithoutKeyMaterial()
    {
        using var store = await SqliteMpkiStore.OpenAsync(_folder.File("keys.db"));
        var kek = KeyEncryptionKey.Generate();
        using var created = await TestKeys.Provider(store, kek).CreateAsync(MpkiKeyAlgorithm.EcdsaP256);

        var ex = await Assert.ThrowsAsync<MpkiException>(() => TestKeys.Provider(store).OpenAsync(created.KeyId));

        Assert.Equal(MpkiErrorKind.Configuration, ex.Kind);
        Assert.Contains("key-encryption key", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(kek, ex.ToString(), StringComparison.Ordinal);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public async Task OpenAsync_RecordMovedToAnotherId_FailsBecauseTheIdIsAuthenticated()
    {
        using var store = await SqliteMpkiStore.OpenAsync(_folder.File("keys.db"));
        var kek = KeyEncryptionKey.Generate();
        var provider = TestKeys.Provider(store, kek);
        using var created = await provider.CreateAsync(MpkiKeyAlgorithm.EcdsaP256);
        var stored = (await store.GetKeyAsync(created.KeyId))!;
        await store.SaveKeyAsync(stored with { Id = "sw-copied" });

        var ex = await Assert.ThrowsAsync<MpkiException>(() => provider.OpenAsync("sw-copied"));

        Assert.Equal(MpkiErrorKind.Configuration, ex.Kind);
    }

    [Fact]
    public async Task CreateAsync_DatabaseFiles_HoldNoPlaintextPrivateKey()
    {
        var path = _folder.File("plain.db");
        var pkcs8 = new List<byte[]>();
        using (var store = await SqliteMpkiStore.OpenAsync(path))
        {
            var provider = TestKeys.Provider(store);
            foreach (var algorithm in new[] { MpkiKeyAlgorithm.EcdsaP256, MpkiKeyAlgorithm.Rsa2048 })
            {
                using var key = await provider.CreateAsync(algorithm);
                pkcs8.Add(key.Key.ExportPkcs8PrivateKey());
                var parameters = key.Ecdsa?.ExportParameters(true).D ?? key.Rsa!.ExportParameters(true).D!;
                pkcs8.Add(parameters);
            }

            // Before a checkpoint the rows are in the -wal file; search it too.
            AssertAbsent(path, pkcs8);
            AssertAbsent(path + "-wal", pkcs8);
        }

        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        Assert.True(new FileInfo(path).Length > 0);
        AssertAbsent(path, pkcs8);
        AssertAbsent(path + "-wal", pkcs8);
    }

    [Fact]
    public async Task Validation_MissingKek_HostStartsAndASoftwareKeyFailsNamingTheSetting()
    {
        var variable = "MPKI_TEST_KEK_" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddSqliteStore(_folder.File("no-kek.db")).ConfigureKeys(o => o.KeyEncryptionKeyVariable = variable);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        // A host that makes no software keys (TPM only) starts without a KEK ...
        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotNull(provider.GetRequiredService<Issuance.IIssuanceService>());
        var software = provider.GetServices<IKeyProvider>().OfType<SoftwareKeyProvider>().Single();

        // ... and a software key without one fails with the reason, before any key is made.
        var ex = await Assert.ThrowsAsync<MpkiException>(() => software.CreateAsync(MpkiKeyAlgorithm.EcdsaP256));

        Assert.Equal(MpkiErrorKind.Configuration, ex.Kind);
        Assert.Contains("KeyEncryptionKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains(variable, ex.Message, StringComparison.Ordinal);
        Assert.Empty(await provider.GetRequiredService<SqliteMpkiStore>().ListKeysAsync(SoftwareKeyProvider.ProviderKind));
    }

    [Theory]
    [InlineData("not base64 at all!", "not valid base64")]
    [InlineData("c2hvcnQ=", "decodes to 5 bytes")]
    public void Validation_MalformedKek_IsAStartupErrorWithoutTheValue(string value, string reason)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Validate(o => o.KeyEncryptionKey = value));

        Assert.Contains("KeyEncryptionKey", ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validation_KekFromEnvironmentVariable_Passes()
    {
        var variable = "MPKI_TEST_KEK_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, KeyEncryptionKey.Generate());
        try
        {
            Validate(o => o.KeyEncryptionKeyVariable = variable);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void Generate_MakesDistinct32ByteKeys()
    {
        var a = Convert.FromBase64String(KeyEncryptionKey.Generate());
        var b = Convert.FromBase64String(KeyEncryptionKey.Generate());

        Assert.Equal(32, a.Length);
        Assert.NotEqual(a, b);
    }

    private void Validate(Action<MpkiKeyOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddSqliteStore(_folder.File("di.db")).ConfigureKeys(configure);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    private static void AssertAbsent(string path, List<byte[]> secrets)
    {
        if (!File.Exists(path))
        {
            return;
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }

        foreach (var secret in secrets)
        {
            Assert.True(bytes.AsSpan().IndexOf(secret) < 0, $"{Path.GetFileName(path)} holds plaintext private key material.");
        }
    }
}
