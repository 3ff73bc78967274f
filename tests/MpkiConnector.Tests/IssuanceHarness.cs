using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.Testing;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tests;

/// <summary>One "process": a container with the coordinator over a real SQLite file and the shared fake CA.</summary>
internal sealed class IssuanceHarness : IAsyncDisposable
{
    public const string ProviderName = "fake";
    private readonly ServiceProvider _services;

    public IssuanceHarness(string databasePath, FakeMpkiProvider ca, TimeProvider time, string kek, Action<IssuanceOptions>? configure = null, CrashPoint crash = CrashPoint.None, IMpkiProvider? provider = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        CrashingStoreFake<SqliteMpkiStore>.Register(services, crash);
        services.AddMpkiConnector()
            .AddSqliteStore(databasePath)
            .ConfigureKeys(o => o.KeyEncryptionKey = kek)
            .ConfigureIssuance(o =>
            {
                o.InitialBackoff = TimeSpan.FromMilliseconds(1);
                o.MaxBackoff = TimeSpan.FromMilliseconds(50);
                configure?.Invoke(o);
            })
            .AddProvider(ProviderName, (_, _) => provider ?? new CrashingProviderFake(ca, crash));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _services.GetRequiredService<Microsoft.Extensions.Options.IStartupValidator>().Validate();
    }

    public IIssuanceService Issuance => _services.GetRequiredService<IIssuanceService>();

    public SqliteMpkiStore Store => _services.GetRequiredService<SqliteMpkiStore>();

    public SoftwareKeyProvider Keys => _services.GetRequiredService<SoftwareKeyProvider>();

    public static IssuanceRequest Request(string address) => new(address, ProviderName) { KeyAlgorithm = MpkiKeyAlgorithm.EcdsaP256 };

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
