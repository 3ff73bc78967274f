using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Sectigo;

namespace MpkiConnector.Examples.GatewayWorker;

/// <summary>The example: a Generic Host whose one hosted service is the gateway, configured from the <c>Gateway</c> section.</summary>
public static class GatewayWorkerHost
{
    /// <summary>
    /// Builds the host: <c>appsettings.json</c> beside the program, then the environment (<c>Gateway__Providers__emulator__Password</c>)
    /// and <paramref name="args"/> (<c>--Gateway:Folders:Spool=/var/spool/mpki</c>) over it. Relative paths are relative to the program's folder.
    /// </summary>
    public static IHost Build(string[] args)
    {
        // <snippet>
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });

        // The gateway's settings have the shape of config/gateway.json; they are checked when the host starts,
        // and a wrong one stops the start with a message that names it ("Gateway.Store.Path: missing...").
        // The provider types the configuration may use are factories the host passes in.
        builder.Services.AddMpkiGateway(builder.Configuration.GetSection("Gateway"), gateway =>
        {
            gateway.Build.ProviderFactories.Add(new SectigoMpkiProviderFactory());
            gateway.Build.ProviderFactories.Add(new SectigoMpkiProviderFactory(SectigoMpkiProviderFactory.EmulatorType));
            gateway.PollInterval = builder.Configuration.GetValue("Worker:PollInterval", TimeSpan.FromSeconds(5));
        });
        return builder.Build();
        // </snippet>
    }
}
