using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Smime;

/// <summary>Opens the private key of a stored certificate through the key provider that made it.</summary>
internal sealed class CertificateKeyOpener
{
    private readonly IKeyStore _keyStore;
    private readonly IReadOnlyList<IKeyProvider> _providers;

    public CertificateKeyOpener(IKeyStore keyStore, IEnumerable<IKeyProvider> providers)
    {
        _keyStore = keyStore;
        _providers = providers.ToArray();
    }

    public async Task<MpkiKey> OpenAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var stored = await _keyStore.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The key {keyId} is not in the store.");
        var provider = _providers.FindByKind(stored.ProviderKind)
            ?? throw new InvalidOperationException($"No key provider of kind '{stored.ProviderKind}' is registered to open key {keyId}.");
        return await provider.OpenAsync(keyId, cancellationToken).ConfigureAwait(false);
    }
}
