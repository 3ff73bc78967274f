using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary>
/// The folder of an <c>mpki init</c> test: where init writes the configuration, the data and the KEK; a provider password
/// set for the test's life; afterwards the KEK variable is cleared and the folder deleted.
/// </summary>
internal sealed class InitFolder : IDisposable
{
    public TempDirectory Folder { get; } = new();

    public ProviderPasswordScope Password { get; } = new("init-test-password");

    public string Config => Folder.Combine("config", "gateway.json");

    public string Data => Folder.Combine("data");

    public string KeyFile => Path.Combine(Data, "kek.b64");

    public string Store => Path.Combine(Data, "mpki.db");

    public Task<CliResult> InitAsync(params string[] more) =>
        CliRunner.RunAsync(["init", "--config", Config, "--data", Data, .. more]);

    public void Dispose()
    {
        Password.Dispose();
        Environment.SetEnvironmentVariable("MPKI__KeyEncryptionKey", null);
        Folder.Dispose();
    }
}
