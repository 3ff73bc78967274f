using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace MpkiConnector.Sectigo;

/// <summary>
/// The services of one Sectigo account (its validated <see cref="SectigoOptions"/>, its named HttpClient with Polly
/// policies and logging) and the provider made from them; shared by <c>AddSectigo</c> and <see cref="SectigoMpkiProviderFactory"/>.
/// </summary>
internal static class SectigoServiceRegistration
{
    /// <summary>Registers the account's options validator, resilience policies and HttpClient; its options must be configured by the caller.</summary>
    public static void AddAccount(IServiceCollection services, string name)
    {
        services.AddSingleton<IValidateOptions<SectigoOptions>>(new SectigoOptionsValidator(name));
        services.TryAddSingleton(TimeProvider.System);
        services.AddKeyedSingleton(name, (sp, _) => new SectigoResiliencePolicies(
            name,
            sp.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(name),
            sp.GetRequiredService<TimeProvider>(),
            Logger(sp)));

        services.AddHttpClient(SectigoMpkiConnectorBuilderExtensions.HttpClientName(name))
            .ConfigureHttpClient((sp, client) =>
            {
                var options = sp.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(name);
                var attempts = options.MaxRetries + 1;
                client.Timeout = (options.AttemptTimeout * attempts) + (options.MaxRetryDelay * options.MaxRetries) + TimeSpan.FromSeconds(5);
                client.MaxResponseContentBufferSize = SectigoApiClient.MaxAnswerBytes; // a CA answer is bounded before it is read
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
    }

    /// <summary>Creates the provider of the account <paramref name="name"/> registered by <see cref="AddAccount"/>; it disposes <paramref name="owner"/> with itself.</summary>
    public static SectigoMpkiProvider CreateProvider(IServiceProvider services, string name, IDisposable? owner = null)
    {
        var options = services.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get(name);
        var identity = new SectigoAccountIdentity(name, options.Login, options.CustomerUri, options.Password);
        var client = new SectigoApiClient(identity, options, services.GetRequiredService<IHttpClientFactory>(), SectigoMpkiConnectorBuilderExtensions.HttpClientName(name), services.GetRequiredService<TimeProvider>());
        return new SectigoMpkiProvider(name, client, Logger(services), services.GetRequiredService<TimeProvider>(), owner);
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger(SectigoMpkiConnectorBuilderExtensions.LogCategory) ?? NullLogger.Instance;
}
