using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Storage.Sqlite.Tests;

public sealed class DependencyInjectionTests : StoreTestBase
{
    [Fact]
    public async Task AddSqliteStore_Path_RegistersOneMigratedStoreForEveryInterface()
    {
        var path = Folder.File("di.db");
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddSqliteStore(path);
        await using var provider = services.BuildServiceProvider();

        var store = provider.GetRequiredService<SqliteMpkiStore>();
        Assert.Same(store, provider.GetRequiredService<IKeyStore>());
        Assert.Same(store, provider.GetRequiredService<IOrderJournal>());
        Assert.Same(store, provider.GetRequiredService<ICertificateStore>());
        Assert.Same(store, provider.GetRequiredService<IAuditLog>());
        Assert.Same(store, provider.GetRequiredService<IGatewayStateStore>());

        // No InitializeAsync: the first operation migrates.
        Assert.True(await provider.GetRequiredService<IOrderJournal>().TryOpenOrderAsync(TestRecords.Order("a@example.org")));
        Assert.Single(await provider.GetRequiredService<IOrderJournal>().ListOpenOrdersAsync());
        Assert.Equal(Path.GetFullPath(path), store.DatabasePath);
    }

    [Fact]
    public void AddSqliteStore_EmptyPathInOptions_FailsValidation()
    {
        var services = new ServiceCollection();
        services.AddMpkiConnector().AddSqliteStore(options => options.DatabasePath = "");
        using var provider = services.BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SqliteStoreOptions>>().Value);
    }

    [Fact]
    public void AddSqliteStore_EmptyPath_Throws()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddMpkiConnector().AddSqliteStore(" "));
    }
}
