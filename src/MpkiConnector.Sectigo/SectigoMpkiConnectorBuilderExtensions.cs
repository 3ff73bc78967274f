using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Sectigo;

/// <summary>DI entry points: <c>services.AddMpkiConnector().AddSectigo("dfn", configuration.GetSection("MPKI:Providers:dfn"))</c>.</summary>
public static class SectigoMpkiConnectorBuilderExtensions
{
    /// <summary>The log category of the connector.</summary>
    public const string LogCategory = "MpkiConnector.Sectigo";

    /// <summary>The name of the <see cref="HttpClient"/> of one account (each account has its own, with its own circuit breaker).</summary>
    public static string HttpClientName(string name) => $"MpkiConnector.Sectigo:{name}";

    /// <summary>Adds a Sectigo SCM account named <paramref name="name"/>, bound from a configuration section and validated at start.</summary>
    public static MpkiConnectorBuilder AddSectigo(this MpkiConnectorBuilder builder, string name, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configuration);
        builder.Services.AddOptions<SectigoOptions>(name).Bind(configuration);
        return AddCore(builder, name);
    }

    /// <summary>Adds a Sectigo SCM account named <paramref name="name"/>, configured in code and validated at start.</summary>
    public static MpkiConnectorBuilder AddSectigo(this MpkiConnectorBuilder builder, string name, Action<SectigoOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SectigoOptions>(name).Configure(configure);
        return AddCore(builder, name);
    }

    private static MpkiConnectorBuilder AddCore(MpkiConnectorBuilder builder, string name)
    {
        var services = builder.Services;
        services.AddOptions<SectigoOptions>(name).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SectigoOptions>>(new SectigoOptionsValidator(name));
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (sp, _) => new SectigoResiliencePolicies(
            name,
            sp.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(name),
            sp.GetRequiredService<TimeProvider>(),
            Logger(sp)));

        var clientName = HttpClientName(name);
        services.AddHttpClient(clientName)
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(name);
                var attempts = options.MaxRetries + 1;
                client.Timeout = (options.AttemptTimeout * attempts) + (options.MaxRetryDelay * options.MaxRetries) + TimeSpan.FromSeconds(5);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(name);
                var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
                if (!string.IsNullOrWhiteSpace(options.ClientCertificatePath))
                {
                    var certificate = X509CertificateLoader.LoadPkcs12FromFile(options.ClientCertificatePath, options.ClientCertificatePassword);
                    handler.SslOptions.ClientCertificates = [certificate];
                }

                return handler;
            })
            .RemoveAllLoggers()
            .AddPolicyHandler((sp, request) => sp.GetRequiredKeyedService<SectigoResiliencePolicies>(name).For(request))
            .AddHttpMessageHandler(sp => new SectigoLoggingHandler(name, Logger(sp), sp.GetRequiredService<TimeProvider>()));

        builder.AddProvider(name, (sp, providerName) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(providerName);
            var identity = new SectigoAccountIdentity(providerName, options.Login, options.CustomerUri, options.Password);
            var client = new SectigoApiClient(identity, options, sp.GetRequiredService<IHttpClientFactory>(), clientName);
            return new SectigoMpkiProvider(providerName, client, Logger(sp), sp.GetRequiredService<TimeProvider>());
        });
        return builder;
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(LogCategory) ?? NullLogger.Instance;
}
