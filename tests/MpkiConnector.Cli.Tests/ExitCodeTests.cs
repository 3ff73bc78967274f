using System.Text.RegularExpressions;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>The README's exit-code table against <see cref="ExitCodes"/>, and one real failure per code.</summary>
public sealed partial class ExitCodeTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ProviderPasswordScope _password = new("exit-code-test-password");
    private readonly string _config;

    public ExitCodeTests()
    {
        _config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder));
    }

    public void Dispose()
    {
        _password.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void ReadmeTable_SameCodesAndMeaningsAsTheMap()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var rows = TableRow().Matches(readme).Select(m => (int.Parse(m.Groups["code"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["meaning"].Value.Trim())).ToArray();

        Assert.Equal(ExitCodes.All.ToArray(), rows);
    }

    [Fact]
    public async Task ExitCode0_Version_Succeeds()
    {
        var result = await CliRunner.RunAsync("--version");

        AssertCode(0, result);
        Assert.Matches(@"^\d+\.\d+", result.Output.Trim());
    }

    [Fact]
    public void ExitCode1_UnexpectedError_OneLineWithoutTypeName()
    {
        var (code, message) = ExitCodeMap.Describe(new InvalidOperationException("the thing broke"));

        Assert.Equal(1, code);
        Assert.DoesNotContain("InvalidOperationException", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCode2_BadNumber_OneLineWithoutDotNetTypeName()
    {
        var result = await CliRunner.RunAsync("certs", "list", "--expiring", "soon", "--config", _config);

        AssertCode(2, result);
        Assert.Contains("--expiring", result.Error, StringComparison.Ordinal);
        Assert.Contains("whole number", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCode2_EmulatorBadUrls_OneLineNamingTheOption()
    {
        var result = await CliRunner.RunAsync("emulator", "--urls", "not a url", "--data", _folder.Combine("emu"));

        AssertCode(2, result);
        Assert.Contains("--urls", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCode3_CaUnreachable_OneLine()
    {
        var config = GatewayConfigFile.Sample(_folder, new Uri("http://127.0.0.1:1/"));
        config["Providers"]!["emulator"]!["MaxRetries"] = 0;
        var path = GatewayConfigFile.Write(_folder, config, "unreachable.json");

        var result = await CliRunner.RunAsync("provider", "discover", "emulator", "--config", path);

        AssertCode(3, result);
    }

    [Fact]
    public async Task ExitCode4_NoCertificateForTheAddress_OneLine()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365));

        var result = await CliRunner.RunAsync("certs", "export", "nobody@example.com", "--out", _folder.Combine("x.pem"), "--config", _config);

        AssertCode(4, result);
        Assert.Contains("nobody@example.com", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void ExitCode5_ErrorRaisedByTheTpmKeyProvider_MapsToTpm()
    {
        // tpm enroll reports a failed enrollment as a result (TpmHandlers turns it into an exception itself), so the
        // code path is checked at the map: an MpkiException raised inside MpkiConnector.Tpm is a TPM error.
        var exception = Record.Exception(() => new MpkiConnector.Tpm.TpmKeyProvider(
            Microsoft.Extensions.Options.Options.Create(new MpkiConnector.Tpm.TpmOptions { Tcti = " " }),
            new MpkiConnector.Storage.Sqlite.SqliteMpkiStore(new MpkiConnector.Storage.Sqlite.SqliteStoreOptions { DatabasePath = _folder.Combine("tpm.db") }),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<MpkiConnector.Tpm.TpmKeyProvider>.Instance));

        Assert.IsType<MpkiException>(exception);
        Assert.Equal(5, ExitCodeMap.Describe(exception).Code);
        Assert.Contains(ExitCodes.All, c => c.Code == 5);
    }

    [Fact]
    public async Task ExitCode6_StoreIsNotADatabase_OneLineNamingTheFile()
    {
        await File.WriteAllTextAsync(_folder.Combine("mpki.db"), "this is not a database, but it is long enough to look like a header of one");

        var result = await CliRunner.RunAsync("certs", "list", "--config", _config);

        AssertCode(6, result);
        Assert.Contains("mpki.db", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCode130_Cancelled_OneLine()
    {
        using var ca = await SeededStore.CreateAsync(_folder.Combine("mpki.db"), ("anna.adler@example.com", 365));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var result = await CliRunner.RunAsync(["certs", "list", "--config", _config], cancelled.Token);

        AssertCode(130, result);
    }

    private static void AssertCode(int expected, CliResult result)
    {
        Assert.True(result.ExitCode == expected, result.ToString());
        Assert.Contains(ExitCodes.All, c => c.Code == expected);
        if (expected != 0)
        {
            Assert.StartsWith("mpki: error:", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex(@"^\| (?<code>\d+) \| (?<meaning>.+) \|$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
