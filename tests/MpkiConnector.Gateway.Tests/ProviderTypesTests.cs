using System.Text.Json.Nodes;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Sectigo;

namespace MpkiConnector.Gateway.Tests;

/// <summary>Built-in provider types come in as factories handed over by the host, and are treated like plugins.</summary>
public sealed class ProviderTypesTests
{
    [Fact]
    public async Task Create_TypeWithoutFactory_ConfigurationErrorNamesTheKnownTypes()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Build.ProviderFactories.Clear();
        h.Build.ProviderFactories.Add(new SectigoMpkiProviderFactory());

        var ex = Assert.Throws<GatewayConfigurationException>(() => h.Start());

        var error = Assert.Single(ex.Errors);
        Assert.Contains("Providers.fake.Type: 'fake' is not a known provider type (known: sectigo)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_BuiltInFactory_GetsTheAccountSettingsLikeAPlugin()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Config["Providers"]!["fake"]!["PendingCount"] = 2;
        h.Config["Providers"]!["fake"]!["RejectReason"] = "Not today.";

        h.Start();

        Assert.Equal(2, h.Fake().Options.PendingCount);
        Assert.Equal("Not today.", h.Fake().Options.RejectReason);
        Assert.True(Directory.Exists(h.Temp.Combine("data", "providers", "fake")));
    }

    [Fact]
    public async Task Create_FactoryRefusesTheSettings_ConfigurationErrorAtStart()
    {
        await using var h = new GatewayHarness().WithDomain("example.com", "scm");
        h.Config["Providers"]!["scm"] = new JsonObject { ["Type"] = "emulator", ["BaseUrl"] = "http://127.0.0.1:9/", ["Login"] = "operator", ["Password"] = "x" };

        var ex = Assert.Throws<GatewayConfigurationException>(() => h.Start());

        Assert.Contains("Sectigo account 'scm': CustomerUri is required", Assert.Single(ex.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_PluginClaimsABuiltInType_ConfigurationErrorNamesThePlugin()
    {
        await using var h = new GatewayHarness().WithFakeProvider().WithDomain("example.com", "fake");
        h.Build.ProviderFactories.Add(new SectigoMpkiProviderFactory(ExamplePlugin.Type));
        ExamplePlugin.CopyTo(h.Temp.Combine("plugins"));
        h.Config["PluginsFolder"] = "plugins";

        var ex = Assert.Throws<GatewayConfigurationException>(() => h.Start());

        Assert.Contains($"claims the built-in provider type '{ExamplePlugin.Type}'", ex.Message, StringComparison.Ordinal);
    }
}
