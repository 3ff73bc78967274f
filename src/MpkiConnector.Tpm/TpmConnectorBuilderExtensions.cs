using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm;

/// <summary>DI entry point for TPM keys: <c>services.AddMpkiConnector().AddTpmKeys(o => o.Tcti = "swtpm:port=2321")</c>.</summary>
public static class TpmConnectorBuilderExtensions
{
    /// <summary>
    /// Registers the TPM key provider of this platform as the keyed <see cref="IKeyProvider"/> <c>"tpm"</c>
    /// (<see cref="TpmKeys.ProviderKind"/>), and among the <see cref="IKeyProvider"/>s of the issuance service:
    /// <see cref="TpmKeyProvider"/> on Linux, <see cref="WindowsPlatformKeyProvider"/> on Windows; elsewhere resolving it is
    /// an <see cref="MpkiException"/> of kind <see cref="MpkiErrorKind.Configuration"/>. Also registers
    /// <see cref="TpmEnrollmentService"/> (enroll through <see cref="IIssuanceService"/>, resume, list, remove) and
    /// <see cref="TpmVerification"/>. Options are validated at start. Needs the stores (the SQLite store registers them).
    /// </summary>
    public static MpkiConnectorBuilder AddTpmKeys(this MpkiConnectorBuilder builder, Action<TpmOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<TpmOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TpmOptions>, TpmOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        if (!services.Any(d => d.IsKeyedService && d.ServiceType == typeof(IKeyProvider) && Equals(d.ServiceKey, TpmKeys.ProviderKind)))
        {
            services.AddKeyedSingleton<IKeyProvider>(TpmKeys.ProviderKind, (sp, _) => CreatePlatformProvider(sp));
            services.AddSingleton(sp => sp.GetRequiredKeyedService<IKeyProvider>(TpmKeys.ProviderKind)); // one of IIssuanceService's key providers
        }

        services.TryAddSingleton(sp => new TpmEnrollmentService(
            sp.GetRequiredKeyedService<IKeyProvider>(TpmKeys.ProviderKind),
            sp.GetRequiredService<IIssuanceService>(),
            sp.GetRequiredService<IOrderJournal>(),
            sp.GetRequiredService<IKeyStore>(),
            sp.GetRequiredService<ICertificateStore>(),
            sp.GetRequiredService<IOptions<TpmOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILogger<TpmEnrollmentService>>() ?? NullLogger<TpmEnrollmentService>.Instance));
        services.TryAddSingleton(sp => new TpmVerification(
            sp.GetRequiredService<TpmEnrollmentService>(),
            sp.GetRequiredKeyedService<IKeyProvider>(TpmKeys.ProviderKind)));
        return builder;
    }

    private static IKeyProvider CreatePlatformProvider(IServiceProvider services)
    {
        var keyStore = services.GetService<IKeyStore>()
            ?? throw new MpkiException(MpkiErrorKind.Configuration, "TPM keys need a key store: register one (for example the SQLite store) before resolving the TPM key provider.");
        var time = services.GetRequiredService<TimeProvider>();
        if (OperatingSystem.IsLinux())
        {
            var logger = services.GetService<ILogger<TpmKeyProvider>>() ?? NullLogger<TpmKeyProvider>.Instance;
            return new TpmKeyProvider(services.GetRequiredService<IOptions<TpmOptions>>(), keyStore, time, logger);
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsPlatformKeyProvider(keyStore, time);
        }

        throw new MpkiException(MpkiErrorKind.Configuration, "TPM keys are supported on Linux (tpm2-tss, OpenSSL tpm2 provider) and Windows (Platform Crypto Provider) only.");
    }
}
