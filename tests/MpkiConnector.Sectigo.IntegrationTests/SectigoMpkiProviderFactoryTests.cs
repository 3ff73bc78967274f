using Microsoft.Extensions.Logging;
using MpkiConnector.Plugins;

namespace MpkiConnector.Sectigo.Tests;

public sealed class SectigoMpkiProviderFactoryTests : SectigoEmulatorTestBase
{
    private Dictionary<string, string?> Settings() => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Type"] = "emulator",
        ["BaseUrl"] = Emulator.BaseAddress.ToString(),
        ["CustomerUri"] = Emulator.CustomerUri,
        ["Login"] = Emulator.Login,
        ["Password"] = Emulator.Password,
        ["CertificateType"] = "Emulator S/MIME",
        ["TermDays"] = "365",
        ["Domains:0"] = "example.com",
    };

    [Fact]
    public async Task Create_FlattenedSettings_ProviderTalksToTheAccountAndLogsToTheHost()
    {
        using var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var factory = new SectigoMpkiProviderFactory(SectigoMpkiProviderFactory.EmulatorType);
        var context = new MpkiProviderFactoryContext("scm", Settings(), TimeProvider.System) { Services = new LoggerServices(loggers) };

        using var provider = (SectigoMpkiProvider)factory.Create(context);
        var report = await provider.CheckAccountAsync([]);

        Assert.Equal("emulator", factory.Type);
        Assert.Equal("scm", provider.Name);
        Assert.True(report.AllPassed, string.Join("\n", report.Items.Where(i => !i.Passed).Select(i => $"{i.Name}: {i.Detail}")));
        Assert.Contains(report.Items, i => i.Name == "Domain example.com delegated for S/MIME" && i.Passed);
        Assert.Contains(Logs.Lines, l => l.Contains("/api/organization/v1", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_MissingAndWrongSettings_ConfigurationErrorNamingEachWithoutThePassword()
    {
        var settings = Settings();
        settings.Remove("CustomerUri");
        settings["BaseUrl"] = "http://scm.example.com/";
        settings["Password"] = "Canary-Factory-77";

        var error = Assert.Throws<MpkiException>(() => new SectigoMpkiProviderFactory().Create(new MpkiProviderFactoryContext("scm", settings, TimeProvider.System)));

        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Contains("CustomerUri is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("only https is allowed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Canary-Factory-77", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_SettingOfTheWrongType_ConfigurationErrorNamingTheSetting()
    {
        var settings = Settings();
        settings["TermDays"] = "a year";

        var error = Assert.Throws<MpkiException>(() => new SectigoMpkiProviderFactory().Create(new MpkiProviderFactoryContext("scm", settings, TimeProvider.System)));

        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Contains("TermDays", error.Message, StringComparison.Ordinal);
    }

    private sealed class LoggerServices(ILoggerFactory loggers) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(ILoggerFactory) ? loggers : null;
    }
}
