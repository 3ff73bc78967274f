using Microsoft.Extensions.Options;
using MpkiConnector.Storage;

namespace MpkiConnector.Tests;

/// <summary>Software key providers over a real store, with a fresh KEK.</summary>
internal static class TestKeys
{
    public static SoftwareKeyProvider Provider(IKeyStore store, string? kek = null, TimeProvider? time = null) =>
        new(store, Options.Create(new MpkiKeyOptions { KeyEncryptionKey = kek ?? KeyEncryptionKey.Generate() }), time ?? TimeProvider.System);

    /// <summary>A key that is not persisted anywhere (for CSR and validator tests).</summary>
    public static MpkiKey Ephemeral(MpkiKeyAlgorithm algorithm) => algorithm switch
    {
        MpkiKeyAlgorithm.Rsa2048 => new MpkiKey("t-rsa2048", "test", algorithm, System.Security.Cryptography.RSA.Create(2048)),
        MpkiKeyAlgorithm.Rsa3072 => new MpkiKey("t-rsa3072", "test", algorithm, System.Security.Cryptography.RSA.Create(3072)),
        MpkiKeyAlgorithm.Rsa4096 => new MpkiKey("t-rsa4096", "test", algorithm, System.Security.Cryptography.RSA.Create(4096)),
        MpkiKeyAlgorithm.EcdsaP256 => new MpkiKey("t-p256", "test", algorithm, System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256)),
        MpkiKeyAlgorithm.EcdsaP384 => new MpkiKey("t-p384", "test", algorithm, System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384)),
        _ => new MpkiKey("t-p521", "test", algorithm, System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP521)),
    };
}
