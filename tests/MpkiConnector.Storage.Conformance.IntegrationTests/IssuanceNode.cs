using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.Testing;

namespace MpkiConnector.Storage.Conformance.IntegrationTests;

/// <summary>
/// One "process" (or gateway node): a container with core's issuance coordinator over the store under test,
/// registered by its own DI extension, talking to a fake CA that outlives it; it may crash at a chosen point.
/// </summary>
internal sealed class IssuanceNode<TStore> : IAsyncDisposable
    where TStore : class, IKeyStore, IOrderJournal, ICertificateStore, IAuditLog, IAuditedOrderJournal
{
    public const string ProviderName = "fake";
    private readonly ServiceProvider _services;

    public IssuanceNode(Action<MpkiConnectorBuilder> addStore, FakeMpkiProvider ca, TimeProvider time, string kek, CrashPoint crash = CrashPoint.None)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        CrashingStoreFake<TStore>.Register(services, crash);
        var mpki = services.AddMpkiConnector();
        addStore(mpki);
        mpki.ConfigureKeys(o => o.KeyEncryptionKey = kek)
            .ConfigureIssuance(o =>
            {
                o.InitialBackoff = TimeSpan.FromMilliseconds(1);
                o.MaxBackoff = TimeSpan.FromMilliseconds(50);
            })
            .AddProvider(ProviderName, (_, _) => new CrashingProviderFake(ca, crash));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _services.GetRequiredService<IStartupValidator>().Validate();
    }

    public IIssuanceService Issuance => _services.GetRequiredService<IIssuanceService>();

    public TStore Store => _services.GetRequiredService<TStore>();

    public SoftwareKeyProvider Keys => _services.GetRequiredService<SoftwareKeyProvider>();

    public static IssuanceRequest Request(string address) => new(address, ProviderName) { KeyAlgorithm = MpkiKeyAlgorithm.EcdsaP256 };

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
