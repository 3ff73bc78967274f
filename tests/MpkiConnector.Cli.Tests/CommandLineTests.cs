namespace MpkiConnector.Cli.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public async Task Run_UnknownCommand_OneLineUsageErrorExit2()
    {
        var result = await CliRunner.RunAsync("frobnicate");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("frobnicate", line, StringComparison.Ordinal);
        Assert.StartsWith("mpki: error:", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_BothAddressAndSerial_UsageErrorExit2()
    {
        var result = await CliRunner.RunAsync("revoke", "anna@example.com", "--serial", "0A");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("exactly one of ADDRESS or --serial", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_ListsEveryCommandOfTheDesign()
    {
        var result = await CliRunner.RunAsync("--help");

        Assert.Equal(0, result.ExitCode);
        foreach (var name in new[] { "demo", "emulator", "provider", "domains", "gateway", "certs", "renew", "revoke", "tpm" })
        {
            Assert.Contains(name, result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Revoke_UnknownReason_OneLineUsageErrorListingTheReasons()
    {
        var result = await CliRunner.RunAsync("revoke", "anna@example.com", "--reason", "bogus");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("Superseded", line, StringComparison.Ordinal);
    }
}
