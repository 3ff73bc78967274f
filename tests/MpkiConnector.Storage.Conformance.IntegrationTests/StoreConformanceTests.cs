using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <summary>
/// What every store must do, whatever its engine: the same tests run against each store through a concrete
/// subclass (<see cref="Sqlite.SqliteConformanceTests"/>, <see cref="PostgreSql.PostgreSqlConformanceTests"/>).
/// To check a third store, subclass this with its type and implement the four members below. Each test gets a new
/// empty database; <see cref="OpenAsync"/> opens further instances on it, as other processes or nodes would.
/// </summary>
/// <typeparam name="TStore">The store type; it implements every store interface and is registered by its DI extension.</typeparam>
public abstract partial class StoreConformanceTests<TStore> : IAsyncLifetime
    where TStore : class, IKeyStore, IOrderJournal, ICertificateStore, IAuditLog, IGatewayStateStore, IKeyEncryptionKeyBinding, IAuditedOrderJournal, IProviderTrustStore, IDisposable
{
    private readonly List<TStore> _stores = [];

    /// <summary>The first store instance on this test's database.</summary>
    protected TStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = await OpenAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        await DeleteDatabaseAsync();
    }

    /// <summary>Creates this test's empty database (once, before any store opens it).</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Opens a new, initialised store instance on this test's database, with its own connections.</summary>
    protected abstract Task<TStore> OpenStoreAsync();

    /// <summary>Registers the store on this test's database the way an application does (its DI extension).</summary>
    protected abstract void AddStore(MpkiConnectorBuilder builder);

    /// <summary>Deletes this test's database.</summary>
    protected abstract Task DeleteDatabaseAsync();

    /// <summary>Opens another store instance on this test's database (disposed after the test).</summary>
    protected async Task<TStore> OpenAsync()
    {
        var store = await OpenStoreAsync();
        _stores.Add(store);
        return store;
    }
}
