using System.Globalization;
using System.Security.Cryptography;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// The key-encryption key (KEK) and the store it belongs to: the store records the KEK's check value when it is
/// created (or, for an older store, the first time a command opens keys); every command that opens keys checks it first.
/// </summary>
internal static class KekBinding
{
    /// <summary>A resolved KEK and where it came from (for messages; no secret).</summary>
    public sealed record ResolvedKek(byte[] Key, string Source);

    /// <summary>Resolves a KEK reference (<c>file:</c>, <c>env:</c>, <c>base64:</c>) against the configuration file's folder.</summary>
    public static ResolvedKek Resolve(string? reference, string baseDirectory)
    {
        if (!KeyEncryptionKeyReference.TryResolve(reference, Environment.GetEnvironmentVariable, baseDirectory, out var key, out var error))
        {
            throw CliException.Configuration(error!);
        }

        return new ResolvedKek(key!, Describe(reference!, baseDirectory));
    }

    /// <summary>Where a KEK reference points, in words: <c>file:/full/path</c>, <c>env:NAME</c>.</summary>
    public static string Describe(string reference, string baseDirectory)
    {
        var trimmed = reference.Trim();
        return trimmed.StartsWith("file:", StringComparison.OrdinalIgnoreCase) ? "file:" + Path.GetFullPath(trimmed[5..].Trim(), baseDirectory)
            : trimmed.StartsWith("base64:", StringComparison.OrdinalIgnoreCase) ? "a key given inline (MPKI__KeyEncryptionKey)"
            : trimmed;
    }

    /// <summary>Checks the gateway's KEK against its store; records the check value when the store has none yet. A mismatch is exit 2, nothing written.</summary>
    public static async Task VerifyAsync(CommandContext ctx, MpkiGateway gateway, string? kekOverride, CancellationToken cancellationToken = default)
    {
        var kek = Resolve(kekOverride ?? gateway.Options.KeyEncryptionKey, gateway.ConfigurationDirectory);
        try
        {
            await VerifyAsync(GatewayFactory.Binding(gateway), gateway.Services.GetService(typeof(IKeyStore)) as IKeyStore, kek, gateway.Options.Store.Path ?? "the store", TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek.Key);
        }

        ctx.Detail($"key-encryption key from {kek.Source}: the store's");
    }

    /// <summary>Checks (or records) the binding of <paramref name="kek"/> to a store.</summary>
    public static async Task VerifyAsync(IKeyEncryptionKeyBinding binding, IKeyStore? keys, ResolvedKek kek, string storeName, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var checkValue = KeyEncryptionKey.ComputeCheckValue(kek.Key);
        var recorded = await binding.GetKeyCheckAsync(cancellationToken).ConfigureAwait(false);
        if (recorded is null)
        {
            // An older store: its first sealed key tells whether this is its KEK.
            var first = keys is null ? null : (await keys.ListKeysAsync(SoftwareKeyProvider.ProviderKind, cancellationToken).ConfigureAwait(false)).FirstOrDefault(k => k.EncryptedPkcs8 is not null);
            if (first is not null && !KeyEncryptionKey.Opens(kek.Key, first.Id, first.EncryptedPkcs8))
            {
                throw CliException.Configuration($"KeyEncryptionKey: the key from {kek.Source} does not open the keys of the store '{storeName}' (they were sealed under another key-encryption key); nothing was written. Configure the key the store was created with.");
            }

            recorded = await binding.EnsureKeyCheckAsync(new KeyEncryptionKeyCheck(checkValue, kek.Source, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
        }

        if (!CryptographicOperations.FixedTimeEquals(Convert.FromBase64String(recorded.CheckValue), Convert.FromBase64String(checkValue)))
        {
            throw CliException.Configuration(string.Create(
                CultureInfo.InvariantCulture,
                $"KeyEncryptionKey: the key from {kek.Source} is not the one the store '{storeName}' is bound to (the key from {recorded.Source}, recorded {recorded.RecordedAt:yyyy-MM-dd}); nothing was written. Configure that key, or re-seal the store with 'mpki kek rotate --new FILE' using it."));
        }
    }
}
