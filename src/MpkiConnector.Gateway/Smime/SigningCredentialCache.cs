using System.Security.Cryptography.X509Certificates;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Smime;

/// <summary>
/// The signing certificates of <see cref="StoreSecureMimeContext"/>, opened once (key decrypted and imported, certificate
/// and chain parsed) and kept per address while that address's active certificate stays the same: the caller looks the
/// active certificate up in the store for every signature, so a superseded or revoked certificate is never used again,
/// and its entry is dropped as soon as another certificate is asked for. At most <see cref="Capacity"/> addresses are
/// kept (the least recently used goes first); entries are disposed when evicted and no signature still uses them.
/// </summary>
internal sealed class SigningCredentialCache : IDisposable
{
    private readonly Dictionary<string, LinkedListNode<SigningCredential>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<SigningCredential> _recent = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public SigningCredentialCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The credential of <paramref name="record"/> (opened through <paramref name="open"/> when not cached), leased until disposed.</summary>
    public async Task<SigningCredential.Lease> GetAsync(CertificateRecord record, Func<CertificateRecord, CancellationToken, Task<SigningCredential>> open, CancellationToken cancellationToken = default)
    {
        if (TryLease(record) is { } cached)
        {
            return cached;
        }

        var opened = await open(record, cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_entries.TryGetValue(record.Address, out var existing))
            {
                if (string.Equals(existing.Value.CertificateId, record.Id, StringComparison.Ordinal))
                {
                    opened.Release(); // another caller opened it meanwhile: use theirs
                    _recent.Remove(existing);
                    _recent.AddFirst(existing);
                    return existing.Value.Acquire();
                }

                Evict(existing);
            }

            var node = _recent.AddFirst(opened);
            _entries[record.Address] = node;
            while (_entries.Count > Capacity && _recent.Last is { } oldest)
            {
                Evict(oldest);
            }

            return opened.Acquire();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            while (_recent.Last is { } oldest)
            {
                Evict(oldest);
            }
        }
    }

    private SigningCredential.Lease? TryLease(CertificateRecord record)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_entries.TryGetValue(record.Address, out var node))
            {
                return null;
            }

            if (!string.Equals(node.Value.CertificateId, record.Id, StringComparison.Ordinal))
            {
                Evict(node); // superseded, revoked or replaced: never sign with it again
                return null;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            return node.Value.Acquire();
        }
    }

    private void Evict(LinkedListNode<SigningCredential> node)
    {
        _recent.Remove(node);
        _entries.Remove(node.Value.Address);
        node.Value.Release();
    }
}
