using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <content>Lifecycle: registration, lazy migration, reopening, cancellation.</content>
public abstract partial class StoreConformanceTests<TStore>
{
    [Fact]
    public async Task AddStore_DependencyInjection_RegistersOneStoreForEveryInterface()
    {
        var services = new ServiceCollection();
        AddStore(services.AddMpkiConnector());
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        var store = provider.GetRequiredService<TStore>();
        Assert.Same(store, provider.GetRequiredService<IKeyStore>());
        Assert.Same(store, provider.GetRequiredService<IOrderJournal>());
        Assert.Same(store, provider.GetRequiredService<ICertificateStore>());
        Assert.Same(store, provider.GetRequiredService<IAuditLog>());
        Assert.Same(store, provider.GetRequiredService<IGatewayStateStore>());

        // No InitializeAsync: the first operation migrates (or finds the schema migrated).
        Assert.True(await provider.GetRequiredService<IOrderJournal>().TryOpenOrderAsync(TestRecords.Order("a@example.org")));
        Assert.Equal("a@example.org", (await Store.GetOpenOrderAsync("a@example.org"))?.Address);
    }

    [Fact]
    public async Task OpenAsync_ExistingData_IsKeptOnReopen()
    {
        await Store.AppendAsync(new AuditEntry(TestRecords.Now, "store.test", null, "kept"));
        Store.Dispose();

        var reopened = await OpenAsync();

        Assert.Equal("kept", Assert.Single(await reopened.ListAsync(10)).Detail);
    }

    [Fact]
    public async Task AnyOperation_CancelledToken_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.ListAsync(10, null, cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store.TryOpenOrderAsync(TestRecords.Order("a@example.org"), cancelled.Token));
    }
}
