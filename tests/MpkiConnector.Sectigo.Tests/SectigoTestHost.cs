using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>Builds a service provider with one or more Sectigo accounts, the way an application does.</summary>
internal static class SectigoTestHost
{
    public static ServiceProvider Build(Action<MpkiConnectorBuilder> accounts, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        accounts(services.AddMpkiConnector());
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public static ServiceProvider Build(Uri baseUrl, Action<SectigoOptions>? configure = null, ILoggerProvider? logs = null, string name = "scm") =>
        Build(b => b.AddSectigo(name, o =>
        {
            o.BaseUrl = baseUrl;
            o.CustomerUri = "emulator";
            o.Login = "operator";
            o.Password = "operator-password";
            o.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            configure?.Invoke(o);
        }), logs);

    public static SectigoMpkiProvider Provider(this IServiceProvider services, string name = "scm") =>
        (SectigoMpkiProvider)services.GetRequiredService<IMpkiProviderCatalog>().Get(name);
}
