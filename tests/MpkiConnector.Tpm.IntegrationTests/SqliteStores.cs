using MpkiConnector.Storage.Sqlite;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

/// <summary>Real SQLite stores over one database file in a temp folder; each <see cref="OpenAsync"/> is a new instance, as a new process would open.</summary>
internal sealed class SqliteStores : IDisposable
{
    private readonly TempDirectory _directory = new("mpki-tpm-store");
    private readonly List<SqliteMpkiStore> _opened = [];

    public string DatabasePath => _directory.File("mpki.db");

    public async Task<SqliteMpkiStore> OpenAsync()
    {
        var store = await SqliteMpkiStore.OpenAsync(DatabasePath);
        _opened.Add(store);
        return store;
    }

    public void Dispose()
    {
        _opened.ForEach(s => s.Dispose());
        _directory.Dispose();
    }
}
