using Microsoft.Extensions.Configuration;

namespace MpkiConnector.Tpm.Tests;

public sealed class TpmOptionsTests
{
    [Fact]
    public void Bind_AllowedAlgorithmsConfigured_ReplacesTheDefaults()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Tpm:Tcti"] = "swtpm:port=2321",
                ["Tpm:AllowedAlgorithms:0"] = "EcdsaP256",
            })
            .Build();
        var options = new TpmOptions();

        configuration.GetSection("Tpm").Bind(options);

        Assert.Equal("swtpm:port=2321", options.Tcti);
        Assert.Equal([MpkiKeyAlgorithm.EcdsaP256], options.EffectiveAlgorithms);
        Assert.Equal([MpkiKeyAlgorithm.Rsa2048, MpkiKeyAlgorithm.EcdsaP256], new TpmOptions().EffectiveAlgorithms);
    }
}
