using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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
        builder.Services.AddOptions<SectigoOptions>(name).ValidateOnStart();
        SectigoServiceRegistration.AddAccount(builder.Services, name);
        return builder.AddProvider(name, (sp, providerName) => SectigoServiceRegistration.CreateProvider(sp, providerName));
    }
}
