using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Testing;

namespace MpkiConnector.Gateway.Tests;

/// <summary><c>AddMpkiGateway</c>: what the host's start-up validation says before any hosted service starts.</summary>
public sealed class AddMpkiGatewayTests
{
    [Fact]
    public void AddMpkiGateway_NoProviderFactory_StartupValidationSaysWhatToAdd()
    {
        using var services = Services(Settings(), _ => { });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.StartsWith("AddMpkiGateway: no provider factory was added", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMpkiGateway_TwoMistakes_StartupValidationNamesBothUnderTheSection()
    {
        var settings = Settings();
        settings["Gateway:Domains:0:Provider"] = "nowhere";
        settings["Gateway:MaxConcurrentMessages"] = "0";
        using var services = Services(settings, o => o.Build.ProviderFactories.Add(new FakeMpkiProviderFactory()));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Gateway.Domains[0].Provider: 'nowhere' (for example.com) is not a configured provider account (known: fake).", error.Failures);
        Assert.Contains("Gateway.MaxConcurrentMessages: 0 is not a positive number.", error.Failures);
    }

    [Fact]
    public void AddMpkiGateway_CalledTwice_Throws()
    {
        var services = new ServiceCollection();
        var configuration = new ConfigurationBuilder().Build();
        services.AddMpkiGateway(configuration, _ => { });

        Assert.Throws<InvalidOperationException>(() => services.AddMpkiGateway(configuration, _ => { }));
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings, Action<GatewayHostOptions> configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMpkiGateway(configuration.GetSection("Gateway"), configure);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> Settings() => new()
    {
        ["Gateway:Providers:fake:Type"] = "fake",
        ["Gateway:Domains:0:Domain"] = "example.com",
        ["Gateway:Domains:0:Provider"] = "fake",
        ["Gateway:Store:Path"] = "data/mpki.db",
        ["Gateway:KeyEncryptionKey"] = "base64:" + GatewayHarness.Kek,
    };
}
