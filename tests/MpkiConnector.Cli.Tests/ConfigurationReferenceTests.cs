using MpkiConnector.Diagnostics;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Issuance;
using MpkiConnector.Renewal;
using MpkiConnector.Sectigo;
using MpkiConnector.Sectigo.Emulator;
using MpkiConnector.Storage.PostgreSql;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.Testing;
using MpkiConnector.Tpm;

namespace MpkiConnector.Cli.Tests;

/// <summary>docs/configuration.md is generated from the options types: it cannot drift from them.</summary>
public sealed class ConfigurationReferenceTests
{
    private static readonly ConfigurationReference.Naming Gateway = new(GatewayOptions.EnvironmentPrefix);
    private static readonly ConfigurationReference.Naming Library = new(EnvironmentPrefix: null);

    [Fact]
    public void ConfigurationReference_GeneratedFromTheOptionsTypes_IsTheCommittedFile()
    {
        var path = Path.Combine(RepositoryPaths.Root, "docs", "configuration.md");
        var committed = File.Exists(path) ? File.ReadAllText(path) : "";

        GeneratedDocs.AssertCurrent(path, committed, Generate(), nameof(ConfigurationReference_GeneratedFromTheOptionsTypes_IsTheCommittedFile));
    }

    [Fact]
    public void Generate_GatewaySettings_HaveTypeDefaultAndEnvironmentVariable()
    {
        var text = Generate();

        Assert.Contains("| `Store.Provider` | string | `Sqlite` | `MPKI__Store__Provider` |", text, StringComparison.Ordinal);
        Assert.Contains("| `Domains[N].TermDays` | integer |", text, StringComparison.Ordinal);
        Assert.Contains("`MPKI__Providers__NAME__Password`", text, StringComparison.Ordinal);
        Assert.Contains("| `Renewal.Overlap` | time span | `30.00:00:00` | `MPKI__Renewal__Overlap` |", text, StringComparison.Ordinal);
        Assert.Contains("| `Tpm.PersistentHandleFirst` | integer | `0x81000100` |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("| `Store.IsPostgreSql`", text, StringComparison.Ordinal);
    }

    private static string Generate() => new ConfigurationReference()
        .Line("# Configuration reference")
        .Line()
        .Line("<!-- Generated from the options types by tests/MpkiConnector.Cli.Tests/ConfigurationReferenceTests.cs; do not edit.")
        .Line($"     Regenerate: {GeneratedDocs.UpdateVariable}=1 dotnet test tests/MpkiConnector.Cli.Tests -c Release --filter ConfigurationReference -->")
        .Line()
        .Line("Every setting, its type, its default and where it can be set. A time span is written `d.hh:mm:ss` (`\"30.00:00:00\"`")
        .Line("is 30 days); `N` in a setting is a list index (0, 1, ...), `NAME` a provider account's name, `KEY` a map key.")
        .Line()
        .Line("## The gateway (`config/gateway.json`)")
        .Line()
        .Line("The file of every `mpki` command (`--config FILE`). An environment variable overrides a setting: the prefix")
        .Line("`MPKI__`, then the setting's path with `__` for each `.` and index (`MPKI__Domains__0__TermDays=730`). The file")
        .Line("holds no secret: the CA password and the PostgreSQL connection string come from the environment. In a host of")
        .Line("your own (`services.AddMpkiGateway(configuration.GetSection(\"Gateway\"), ...)`) the same settings are read from")
        .Line("that section, with the host's own environment mapping (`Gateway__Store__Path` with the default host).")
        .Line()
        .Table(typeof(GatewayOptions), "", Gateway)
        .Line("### Provider accounts of type `sectigo` and `emulator`")
        .Line()
        .Line("The Sectigo Certificate Manager client (`emulator` is the same client pointed at the local emulator); also")
        .Line("what `services.AddMpkiConnector().AddSectigo(name, section)` binds.")
        .Line()
        .Table(typeof(SectigoOptions), "Providers.NAME", Gateway)
        .Line("### Provider accounts of type `fake`")
        .Line()
        .Line("The in-memory CA of `MpkiConnector.Testing`, for tests and demos.")
        .Line()
        .Table(typeof(FakeMpkiProviderOptions), "Providers.NAME", Gateway, nameof(FakeMpkiProviderOptions.CertificateTypes))
        .Line("### TPM (`mpki tpm ...`)")
        .Line()
        .Table(typeof(TpmOptions), "Tpm", Gateway)
        .Line("## Embedding the library")
        .Line()
        .Line("Options of the packages, bound from whatever configuration your host passes (no environment variable of their")
        .Line("own). In the gateway, renewal is the `Renewal` section above and the key-encryption key its `KeyEncryptionKey`.")
        .Line()
        .Line("### Keys: `MpkiKeyOptions` (`ConfigureKeys`, or `services.Configure<MpkiKeyOptions>(section)`)")
        .Line()
        .Table(typeof(MpkiKeyOptions), "", Library)
        .Line("### Issuance: `IssuanceOptions` (`ConfigureIssuance`)")
        .Line()
        .Table(typeof(IssuanceOptions), "", Library)
        .Line("### Renewal: `RenewalOptions` (`ConfigureRenewal`)")
        .Line()
        .Table(typeof(RenewalOptions), "", Library)
        .Line("### Stores: `SqliteStoreOptions` (`AddSqliteStore`) and `PostgreSqlStoreOptions` (`AddPostgreSqlStore`)")
        .Line()
        .Table(typeof(SqliteStoreOptions), "", Library)
        .Table(typeof(PostgreSqlStoreOptions), "", Library)
        .Line("### Health checks: `MpkiHealthCheckOptions` (`services.AddHealthChecks().AddMpkiConnector(...)`)")
        .Line()
        .Table(typeof(MpkiHealthCheckOptions), "", Library)
        .Line("### The hosted gateway: `GatewayHostOptions` (`services.AddMpkiGateway(section, ...)`, in code)")
        .Line()
        .Table(typeof(GatewayHostOptions), "", Library, nameof(GatewayHostOptions.Build))
        .Line("## The emulator (`config/emulator.json`)")
        .Line()
        .Line("The local SCM of `mpki emulator` (`--urls` and `--data` override `urls` and `dataDirectory`). JSON names in")
        .Line("camelCase; no environment variables.")
        .Line()
        .Table(typeof(ScmEmulatorOptions), "", new ConfigurationReference.Naming(EnvironmentPrefix: null, CamelCase: true))
        .ToString()
        .TrimEnd('\n') + "\n";
}
