using System.CommandLine;
using MpkiConnector.Cli.Infrastructure;

namespace MpkiConnector.Cli.Tests;

public sealed class CommandTreeTests
{
    // Long-running commands that print no data (the emulator, the SMTP gateway), and the TPM commands (their handlers belong to the TPM work).
    private static readonly string[] WithoutJson = ["mpki emulator", "mpki gateway serve", "mpki tpm enroll", "mpki tpm remove"];

    [Fact]
    public void EveryCommandThatPrintsData_HasJson()
    {
        var root = MpkiCli.BuildRoot(new CliIo(TextWriter.Null, TextWriter.Null, interactive: false));
        var leaves = Leaves(root, "mpki").ToArray();

        Assert.Contains("mpki orders list", leaves.Select(l => l.Path));
        var missing = leaves.Where(l => !l.Command.Options.Any(o => o.Name == "--json")).Select(l => l.Path).Except(WithoutJson).ToArray();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task BareMpki_PrintsHelpExit0()
    {
        var result = await CliRunner.RunAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("init", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "demi" }, "'demo'")]
    [InlineData(new[] { "cert", "list" }, "'certs'")]
    [InlineData(new[] { "domains", "ad", "x.org" }, "'add'")]
    public async Task MistypedCommand_SuggestsTheCommandAndPrintsHelpExit2(string[] args, string suggestion)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("did you mean " + suggestion, line, StringComparison.Ordinal);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RSA-2048", MpkiKeyAlgorithm.Rsa2048)]
    [InlineData("Rsa2048", MpkiKeyAlgorithm.Rsa2048)]
    [InlineData("rsa2048", MpkiKeyAlgorithm.Rsa2048)]
    [InlineData("rsa_3072", MpkiKeyAlgorithm.Rsa3072)]
    [InlineData("EC-P256", MpkiKeyAlgorithm.EcdsaP256)]
    [InlineData("EcdsaP256", MpkiKeyAlgorithm.EcdsaP256)]
    [InlineData("ecdsa-p-384", MpkiKeyAlgorithm.EcdsaP384)]
    [InlineData("secp521r1", null)]
    [InlineData("EC-P999", null)]
    [InlineData("1", null)]
    public void KeyAlgorithmNames_EverySpellingTheProductPrints(string text, MpkiKeyAlgorithm? expected)
    {
        Assert.Equal(expected, KeyAlgorithmNames.Parse(text));
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string path)
    {
        if (command.Subcommands.Count == 0)
        {
            yield return (path, command);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var leaf in Leaves(sub, path + " " + sub.Name))
            {
                yield return leaf;
            }
        }
    }
}
