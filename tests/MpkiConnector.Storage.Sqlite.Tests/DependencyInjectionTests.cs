using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Storage.Sqlite.Tests;

public sealed class DependencyInjectionTests : StoreTestBase
{
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
