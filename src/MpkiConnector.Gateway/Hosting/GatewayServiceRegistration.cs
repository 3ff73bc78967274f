using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MimeKit.Cryptography;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Engine;
using MpkiConnector.Gateway.Renewal;
using MpkiConnector.Gateway.Smime;
using MpkiConnector.Storage;

namespace MpkiConnector.Gateway.Hosting;

/// <summary>Registers the gateway's services over validated options.</summary>
internal static class GatewayServiceRegistration
{
    public static IServiceCollection AddGateway(
        IServiceCollection services,
        IConfiguration configuration,
        GatewayOptions options,
        ProviderTypes providerTypes,
        byte[] keyEncryptionKey,
        GatewayBuildOptions build)
    {
        var time = build.TimeProvider ?? TimeProvider.System;
        services.AddLogging(logging => build.ConfigureLogging?.Invoke(logging));
        services.AddSingleton(time);
        services.AddSingleton(options);
        services.AddSingleton(ProviderTrustRoots.Anchors(options, Environment.CurrentDirectory));
        var mpki = services.AddMpkiConnector();
        var dataDirectory = GatewayStoreRegistration.AddStore(mpki, options);
        var kek = Convert.ToBase64String(keyEncryptionKey);
        mpki.ConfigureKeys(keys => keys.KeyEncryptionKey = kek);
        mpki.ConfigureRenewal(renewal => configuration.GetSection("Renewal").Bind(renewal));
        mpki.ConfigureIssuance(issuance => configuration.GetSection("Issuance").Bind(issuance));
        if (build.ConfigureIssuance is not null)
        {
            mpki.ConfigureIssuance(build.ConfigureIssuance);
        }

        foreach (var (name, account) in options.Providers)
        {
            providerTypes.Register(mpki, name, account.Type!, configuration.GetSection("Providers").GetSection(name), time, dataDirectory);
        }

        services.TryAddSingleton<GatewayTelemetry>();
        services.TryAddSingleton(sp => new StoreSecureMimeContext(
            sp.GetRequiredService<ICertificateStore>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetServices<IKeyProvider>(),
            sp.GetRequiredService<TimeProvider>(),
            options.SigningCacheSize));
        services.TryAddSingleton<SecureMimeContext>(sp => sp.GetRequiredService<StoreSecureMimeContext>());
        services.TryAddSingleton<DomainDirectory>();
        services.TryAddSingleton<IssuanceScheduler>();
        services.TryAddSingleton<InboundProcessor>();
        services.TryAddSingleton<MessageProcessor>();
        services.TryAddSingleton<GatewayRunner>();
        services.TryAddSingleton(sp => new RenewalService(
            sp.GetRequiredService<ICertificateStore>(),
            sp.GetRequiredService<IOrderJournal>(),
            sp.GetRequiredService<DomainDirectory>(),
            sp.GetRequiredService<IssuanceScheduler>(),
            sp.GetRequiredService<IMpkiProviderCatalog>(),
            sp.GetRequiredService<IAuditLog>(),
            sp.GetRequiredService<MpkiConnector.Renewal.RenewalPolicy>(),
            sp.GetRequiredService<GatewayOptions>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<GatewayTelemetry>(),
            sp.GetRequiredService<ILogger<RenewalService>>())
        {
            CheckRevocationAtCa = build.CheckRevocationAtCa,
        });
        return services;
    }
}
