using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Plugins;
using MpkiConnector.Plugins;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

public sealed class ProviderPluginLoaderTests : IDisposable
{
    private readonly TempDirectory _temp = new("mpki-gw");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Load_ExamplePluginFolder_FactoryInOwnContextIssuesCertificate()
    {
        var plugins = _temp.Combine("plugins");
        ExamplePlugin.CopyTo(plugins);

        var loaded = Assert.Single(ProviderPluginLoader.Load(plugins));

        Assert.Equal(ExamplePlugin.Type, loaded.Type);
        var pluginContext = AssemblyLoadContext.GetLoadContext(loaded.Factory.GetType().Assembly);
        Assert.NotSame(AssemblyLoadContext.Default, pluginContext);
        Assert.Same(typeof(IMpkiProviderFactory).Assembly, loaded.Factory.GetType().GetInterfaces().Single(i => i.Name == nameof(IMpkiProviderFactory)).Assembly);

        var provider = loaded.Factory.Create(new MpkiProviderFactoryContext("plugin", new Dictionary<string, string?> { ["TermDays"] = "90" }, TimeProvider.System));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var csr = new CertificateRequest("CN=alice@example.com", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
        var order = await provider.SubmitAsync(new MpkiEnrollmentRequest("c-1", csr, MpkiCertificateKind.Person, "alice@example.com"));
        var issued = Assert.IsType<MpkiCollectResult.Issued>(await provider.CollectAsync(order));
        using var certificate = X509CertificateLoader.LoadCertificate(issued.CertificateDer);
        Assert.Equal(key.ExportSubjectPublicKeyInfo(), certificate.PublicKey.ExportSubjectPublicKeyInfo());
        Assert.InRange((certificate.NotAfter - certificate.NotBefore).TotalDays, 89, 91);
    }

    [Fact]
    public void Load_MissingFolder_ConfigurationErrorNamesSetting()
    {
        var ex = Assert.Throws<GatewayConfigurationException>(() => ProviderPluginLoader.Load(_temp.Combine("nope")));
        Assert.StartsWith("PluginsFolder:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FolderWithoutPlugins_FindsNothing()
    {
        var plugins = _temp.Combine("empty");
        Directory.CreateDirectory(Path.Combine(plugins, "sub"));
        File.WriteAllText(Path.Combine(plugins, "sub", "readme.txt"), "no assemblies here");
        Assert.Empty(ProviderPluginLoader.Load(plugins));
    }
}
