using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Storage;

namespace MpkiConnector.TestUtils;

/// <summary>A real store (SQLite, PostgreSQL...), with a simulated crash right after (or before) one journaled step.</summary>
/// <typeparam name="TStore">The store type its DI extension registers (<c>SqliteMpkiStore</c>, <c>PostgreSqlMpkiStore</c>).</typeparam>
public sealed class CrashingStoreFake<TStore>(TStore inner, CrashPoint crash) : IKeyStore, IOrderJournal, ICertificateStore, IAuditLog, IAuditedOrderJournal
    where TStore : class, IKeyStore, IOrderJournal, ICertificateStore, IAuditLog, IAuditedOrderJournal
{
    /// <summary>Registers it (over the container's <typeparamref name="TStore"/>) as every store interface; call before the store's <c>Add...Store</c>.</summary>
    public static void Register(IServiceCollection services, CrashPoint crash)
    {
        services.AddSingleton(sp => new CrashingStoreFake<TStore>(sp.GetRequiredService<TStore>(), crash));
        services.AddSingleton<IKeyStore>(sp => sp.GetRequiredService<CrashingStoreFake<TStore>>());
        services.AddSingleton<IOrderJournal>(sp => sp.GetRequiredService<CrashingStoreFake<TStore>>());
        services.AddSingleton<ICertificateStore>(sp => sp.GetRequiredService<CrashingStoreFake<TStore>>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<CrashingStoreFake<TStore>>());
    }

    public async Task SaveKeyAsync(StoredKey key, CancellationToken cancellationToken = default)
    {
        await inner.SaveKeyAsync(key, cancellationToken);
        Crash(CrashPoint.AfterKeySaved);
    }

    public Task<StoredKey?> GetKeyAsync(string keyId, CancellationToken cancellationToken = default) => inner.GetKeyAsync(keyId, cancellationToken);

    public Task<IReadOnlyList<StoredKey>> ListKeysAsync(string providerKind, CancellationToken cancellationToken = default) => inner.ListKeysAsync(providerKind, cancellationToken);

    public Task DeleteKeyAsync(string keyId, CancellationToken cancellationToken = default) => inner.DeleteKeyAsync(keyId, cancellationToken);

    public Task<IReadOnlyList<string>> ListUnreferencedKeysAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default) =>
        inner.ListUnreferencedKeysAsync(createdBefore, cancellationToken);

    public Task<bool> TryOpenOrderAsync(OrderRecord order, CancellationToken cancellationToken = default) => TryOpenOrderAsync(order, [], cancellationToken);

    public async Task<bool> TryOpenOrderAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        var opened = await inner.TryOpenOrderAsync(order, audit, cancellationToken);
        Crash(CrashPoint.AfterIntentJournaled);
        return opened;
    }

    public Task UpdateOrderAsync(OrderRecord order, CancellationToken cancellationToken = default) => UpdateOrderAsync(order, [], cancellationToken);

    public async Task UpdateOrderAsync(OrderRecord order, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        await inner.UpdateOrderAsync(order, audit, cancellationToken);
        if (order.State == OrderState.Intent && order.Attempts > 0)
        {
            Crash(CrashPoint.AfterSubmitAttemptJournaled);
        }

        if (order.State == OrderState.Submitted)
        {
            Crash(CrashPoint.AfterSubmittedJournaled);
        }
    }

    public Task<OrderRecord?> GetOrderAsync(string orderId, CancellationToken cancellationToken = default) => inner.GetOrderAsync(orderId, cancellationToken);

    public Task<OrderRecord?> GetOpenOrderAsync(string address, CancellationToken cancellationToken = default) => inner.GetOpenOrderAsync(address, cancellationToken);

    public Task<IReadOnlyList<OrderRecord>> ListOpenOrdersAsync(CancellationToken cancellationToken = default) => inner.ListOpenOrdersAsync(cancellationToken);

    public Task<IReadOnlyList<OrderRecord>> ListOrdersAsync(string address, CancellationToken cancellationToken = default) => inner.ListOrdersAsync(address, cancellationToken);

    public Task CompleteIssuanceAsync(OrderRecord completedOrder, CertificateRecord certificate, CancellationToken cancellationToken = default) =>
        CompleteIssuanceAsync(completedOrder, certificate, [], cancellationToken);

    public async Task CompleteIssuanceAsync(OrderRecord completedOrder, CertificateRecord certificate, IReadOnlyList<AuditEntry> audit, CancellationToken cancellationToken = default)
    {
        Crash(CrashPoint.BeforeCompleteIssuance);
        await inner.CompleteIssuanceAsync(completedOrder, certificate, audit, cancellationToken);
        Crash(CrashPoint.AfterCompleteIssuance);
    }

    public Task SaveCertificateAsync(CertificateRecord certificate, CancellationToken cancellationToken = default) => inner.SaveCertificateAsync(certificate, cancellationToken);

    public Task<CertificateRecord?> GetActiveCertificateAsync(string address, CancellationToken cancellationToken = default) => inner.GetActiveCertificateAsync(address, cancellationToken);

    public Task<CertificateRecord?> GetCertificateAsync(string id, CancellationToken cancellationToken = default) => inner.GetCertificateAsync(id, cancellationToken);

    public Task<IReadOnlyList<CertificateRecord>> ListCertificatesAsync(CertificateQuery query, CancellationToken cancellationToken = default) => inner.ListCertificatesAsync(query, cancellationToken);

    public Task SetCertificateStatusAsync(string id, CertificateStatus status, CancellationToken cancellationToken = default) => inner.SetCertificateStatusAsync(id, status, cancellationToken);

    public Task SaveRecipientCertificateAsync(RecipientCertificate certificate, CancellationToken cancellationToken = default) => inner.SaveRecipientCertificateAsync(certificate, cancellationToken);

    public Task<IReadOnlyList<RecipientCertificate>> GetRecipientCertificatesAsync(string address, CancellationToken cancellationToken = default) => inner.GetRecipientCertificatesAsync(address, cancellationToken);

    public Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default) => inner.AppendAsync(entry, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, string? address = null, CancellationToken cancellationToken = default) => inner.ListAsync(limit, address, cancellationToken);

    private void Crash(CrashPoint point)
    {
        if (crash == point)
        {
            throw new SimulatedCrashException($"Simulated crash {point}.");
        }
    }
}
