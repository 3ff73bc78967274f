using MpkiConnector.Storage;

namespace MpkiConnector.Issuance;

/// <summary>The sweep of keys nothing owns, at the start of a run.</summary>
internal sealed partial class IssuanceService
{
    private static readonly TimeSpan MinimumUnreferencedKeyAge = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deletes (through their key provider: a TPM key is evicted) the keys that no order and no certificate references
    /// and that are not free in the pool: what a process killed between saving a key and journaling its order's intent
    /// leaves behind. Only keys older than twice the intent lease (at least 30 s) are taken: another process (node) may be
    /// between those two steps right now, and its key is younger than that (the gap is a CSR signature, far below the lease),
    /// while its journaled intent would protect the key from then on. A key whose provider this process does not have (a
    /// TPM key seen from a process without the TPM) is left alone: deleting only its record would lose the TPM handle.
    /// A failed deletion is left to the next run.
    /// </summary>
    private async Task SweepUnreferencedKeysAsync(CancellationToken cancellationToken)
    {
        var age = _options.IntentLease * 2;
        var createdBefore = _time.GetUtcNow() - (age < MinimumUnreferencedKeyAge ? MinimumUnreferencedKeyAge : age);
        var orphans = await _keys.ListUnreferencedKeysAsync(createdBefore, cancellationToken).ConfigureAwait(false);
        foreach (var keyId in orphans)
        {
            var stored = await _keys.GetKeyAsync(keyId, cancellationToken).ConfigureAwait(false);
            if (stored is null || _keyProviders.FindByKind(stored.ProviderKind) is not { } provider)
            {
                continue;
            }

            try
            {
                await provider.DeleteAsync(keyId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is MpkiException or IOException or InvalidOperationException)
            {
                IssuanceLog.UnreferencedKeyNotDeleted(_logger, keyId, ex);
                continue;
            }

            IssuanceLog.UnreferencedKeyDeleted(_logger, keyId);
            await _audit.AppendAsync(new AuditEntry(_time.GetUtcNow(), "key.unreferenced.deleted", null, $"key {keyId}: owned by no order or certificate (a process stopped before journaling its order)"), cancellationToken).ConfigureAwait(false);
        }
    }
}
