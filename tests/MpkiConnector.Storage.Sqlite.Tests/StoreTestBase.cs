
namespace MpkiConnector.Storage.Sqlite.Tests;

/// <summary>Each test gets its own folder and database file, deleted afterwards.</summary>
public abstract class StoreTestBase : IAsyncLifetime
{
    private readonly List<SqliteMpkiStore> _stores = [];

    protected TempDirectory Folder { get; } = new("mpki-sqlite");

    protected string DatabasePath => Folder.File("mpki.db");

    protected SqliteMpkiStore Store { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Store = await OpenAsync();

    public Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        Folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Opens another store instance on the same file (as a second process would).</summary>
    protected async Task<SqliteMpkiStore> OpenAsync(string? path = null)
    {
        var store = await SqliteMpkiStore.OpenAsync(path ?? DatabasePath);
        _stores.Add(store);
        return store;
    }

    protected SqliteMpkiStore Track(SqliteMpkiStore store)
    {
        _stores.Add(store);
        return store;
    }
}
