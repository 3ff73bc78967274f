using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MpkiConnector.DependencyInjection;

namespace MpkiConnector.Sectigo.Tests;

public sealed class SectigoOptionsValidatorTests
{
    private static SectigoOptions Valid() => new()
    {
        BaseUrl = new Uri("https://cert-manager.com/"),
        CustomerUri = "DFN",
        Login = "gateway",
        Password = "secret",
    };

    [Fact]
    public void Check_ValidOptions_NoFailure()
    {
        Assert.Empty(SectigoOptionsValidator.Check("dfn", Valid()));
    }

    [Theory]
    [InlineData("http://cert-manager.com/")]
    [InlineData("http://10.1.2.3:8080/")]
    [InlineData("ftp://127.0.0.1/")]
    public void Check_NonHttpsRemoteBaseUrl_RefusedNamingBaseUrl(string url)
    {
        var options = Valid();
        options.BaseUrl = new Uri(url);
        var failure = Assert.Single(SectigoOptionsValidator.Check("dfn", options));
        Assert.Contains("BaseUrl", failure, StringComparison.Ordinal);
        Assert.Contains("https", failure, StringComparison.Ordinal);
        Assert.Contains("'dfn'", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000/")]
    public void Check_HttpLoopbackBaseUrl_Accepted(string url)
    {
        var options = Valid();
        options.BaseUrl = new Uri(url);
        Assert.Empty(SectigoOptionsValidator.Check("dfn", options));
    }

    [Fact]
    public void Check_MissingLoginCustomerUriAndPassword_NamesEachSetting()
    {
        var options = Valid();
        options.Login = " ";
        options.CustomerUri = string.Empty;
        options.Password = null;
        var failures = SectigoOptionsValidator.Check("dfn", options);
        Assert.Equal(3, failures.Count);
        Assert.Contains(failures, f => f.Contains("Login", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("CustomerUri", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Password", StringComparison.Ordinal));
    }

    [Fact]
    public void Check_ClientCertificateInsteadOfPassword_AcceptedWhenFileExists()
    {
        var file = Path.GetTempFileName();
        try
        {
            var options = Valid();
            options.Password = null;
            options.ClientCertificatePath = file;
            Assert.Empty(SectigoOptionsValidator.Check("dfn", options));
            options.ClientCertificatePath = file + ".missing";
            Assert.Contains("ClientCertificatePath", Assert.Single(SectigoOptionsValidator.Check("dfn", options)), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("(?<first>.+) (?<last>.+)")]
    [InlineData("(?<GN>.+ (?<SN>.+)")]
    public void Check_BadFullNamePattern_NamesFullNamePattern(string pattern)
    {
        var options = Valid();
        options.FullNamePattern = pattern;
        Assert.Contains("FullNamePattern", Assert.Single(SectigoOptionsValidator.Check("dfn", options)), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BadNumbers_NameTheirSettings()
    {
        var options = Valid();
        options.OrganizationId = "abc";
        options.TermDays = 0;
        options.MaxRetries = -1;
        options.AttemptTimeout = TimeSpan.Zero;
        var failures = string.Join("\n", SectigoOptionsValidator.Check("dfn", options));
        Assert.Contains("OrganizationId", failures, StringComparison.Ordinal);
        Assert.Contains("TermDays", failures, StringComparison.Ordinal);
        Assert.Contains("MaxRetries", failures, StringComparison.Ordinal);
        Assert.Contains("AttemptTimeout", failures, StringComparison.Ordinal);
    }

    [Fact]
    public void StartupValidation_InvalidAccount_FailsAtStartNamingTheSetting()
    {
        using var services = SectigoTestHost.Build(b => b.AddSectigo("dfn", o =>
        {
            o.BaseUrl = new Uri("http://cert-manager.com/");
            o.CustomerUri = "DFN";
            o.Login = "gateway";
            o.Password = "secret";
        }));
        var validator = services.GetRequiredService<IStartupValidator>();
        var atStart = Assert.ThrowsAny<Exception>(validator.Validate);
        Assert.Contains("Sectigo account 'dfn': BaseUrl", atStart.Message, StringComparison.Ordinal);
        var onUse = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IMpkiProviderCatalog>().Get("dfn"));
        Assert.Contains("BaseUrl", onUse.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddSectigo_ConfigurationSection_BindsSettings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MPKI:Providers:dfn:BaseUrl"] = "https://hard.cert-manager.com/",
            ["MPKI:Providers:dfn:CustomerUri"] = "DFN",
            ["MPKI:Providers:dfn:Login"] = "gateway",
            ["MPKI:Providers:dfn:Password"] = "secret",
            ["MPKI:Providers:dfn:CertificateType"] = "GEANT Personal",
            ["MPKI:Providers:dfn:TermDays"] = "365",
            ["MPKI:Providers:dfn:MissingDisplayName"] = "Address",
            ["MPKI:Providers:dfn:PersonValidationType"] = "High",
            ["MPKI:Providers:dfn:CustomFields:Department"] = "IT",
        }).Build();
        using var services = SectigoTestHost.Build(b => b.AddSectigo("dfn", configuration.GetSection("MPKI:Providers:dfn")));
        var options = services.GetRequiredService<IOptionsMonitor<SectigoOptions>>().Get("dfn");
        Assert.Equal("hard.cert-manager.com", options.BaseUrl.Host);
        Assert.Equal("GEANT Personal", options.CertificateType);
        Assert.Equal(365, options.TermDays);
        Assert.Equal(SectigoMissingDisplayNamePolicy.Address, options.MissingDisplayName);
        Assert.Equal(SectigoPersonValidationType.High, options.PersonValidationType);
        Assert.Equal("IT", options.CustomFields["Department"]);
        Assert.Equal("dfn", services.Provider("dfn").Name);
    }

    [Fact]
    public void AddSectigo_SameNameTwice_Refused()
    {
        var builder = new ServiceCollection().AddMpkiConnector();
        builder.AddSectigo("dfn", o => o.Login = "a");
        Assert.Throws<InvalidOperationException>(() => builder.AddSectigo("dfn", o => o.Login = "b"));
    }
}
