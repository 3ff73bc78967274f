using System.Collections.Concurrent;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm.Tests;

/// <summary>An in-memory certificate store, a stand-in until the SQLite store is on main.</summary>
internal sealed class CertificateStoreFake : ICertificateStore
{
    private readonly ConcurrentDictionary<string, CertificateRecord> _certificates = new();

    public Task CompleteIssuanceAsync(OrderRecord completedOrder, CertificateRecord certificate, CancellationToken cancellationToken = default) =>
        SaveCertificateAsync(certificate, cancellationToken);

    public Task SaveCertificateAsync(CertificateRecord certificate, CancellationToken cancellationToken = default)
    {
        _certificates[certificate.Id] = certificate;
        return Task.CompletedTask;
    }

    public Task<CertificateRecord?> GetActiveCertificateAsync(string address, CancellationToken cancellationToken = default) =>
        Task.FromResult(_certificates.Values.FirstOrDefault(c => c.Address == address && c.Status == CertificateStatus.Active));

    public Task<CertificateRecord?> GetCertificateAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_certificates.TryGetValue(id, out var c) ? c : null);

    public Task<IReadOnlyList<CertificateRecord>> ListCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<CertificateRecord>>(_certificates.Values
            .Where(c => query.Address is null || c.Address == query.Address)
            .Where(c => query.Status is null || c.Status == query.Status)
            .OrderBy(c => c.Address, StringComparer.Ordinal).ThenByDescending(c => c.CreatedAt).ToArray());

    public Task SetCertificateStatusAsync(string id, CertificateStatus status, CancellationToken cancellationToken = default)
    {
        _certificates[id] = _certificates[id] with { Status = status };
        return Task.CompletedTask;
    }

    public Task SaveRecipientCertificateAsync(RecipientCertificate certificate, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<RecipientCertificate>> GetRecipientCertificatesAsync(string address, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RecipientCertificate>>([]);
}
