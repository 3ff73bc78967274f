using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Examples.GatewayWorker;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class GatewayWorkerExampleTests
{
    [Fact]
    public async Task Build_AgainstTheEmulator_SignsASpooledMessageIntoTheOutboxAndStops()
    {
        using var folder = new TempDirectory("mpki-worker-tests");
        await using var emulator = await RunningEmulator.StartAsync();
        using var host = GatewayWorkerHost.Build(Arguments(folder, emulator));

        await host.StartAsync();
        File.Copy(Path.Combine(RepositoryPaths.Mail, "0001-outbound.eml"), folder.Combine("spool", "0001.eml"));
        var signed = await WaitForFileAsync(folder.Combine("outbox"), TimeSpan.FromSeconds(90));
        await host.StopAsync();

        var message = await MimeMessage.LoadAsync(signed);
        var body = Assert.IsType<MultipartSigned>(message.Body);
        using var verifier = new TemporarySecureMimeContext();
        var signature = Assert.Single(await body.VerifyAsync(verifier));
        Assert.True(signature.Verify(verifySignatureOnly: true));
        Assert.Equal("anna.adler@example.com", signature.SignerCertificate?.Email);
        Assert.Equal(1, await emulator.Emulator.CountOrdersAsync());
        Assert.Empty(Directory.EnumerateFiles(folder.Combine("spool"), "*.eml"));
    }

    [Fact]
    public async Task Build_StoreProviderMisspelt_StartFailsNamingTheSetting()
    {
        using var folder = new TempDirectory("mpki-worker-tests");
        using var host = GatewayWorkerHost.Build([.. Arguments(folder, emulator: null), "--Gateway:Store:Provider=Sqlight"]);

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Equal("Gateway.Store.Provider: 'Sqlight' is not a store (use Sqlite or PostgreSql).", error.Message);
        Assert.False(Directory.Exists(folder.Combine("spool")));
    }

    private static string[] Arguments(TempDirectory folder, RunningEmulator? emulator) =>
    [
        $"--Gateway:Providers:emulator:BaseUrl={emulator?.BaseAddress.ToString() ?? "http://127.0.0.1:9/"}",
        $"--Gateway:Providers:emulator:Password={RunningEmulator.DefaultPassword}",
        "--Gateway:KeyEncryptionKey=base64:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        $"--Gateway:Store:Path={folder.Combine("mpki.db")}",
        $"--Gateway:Folders:Spool={folder.Combine("spool")}",
        $"--Gateway:Folders:Outbox={folder.Combine("outbox")}",
        $"--Gateway:Folders:Deferred={folder.Combine("deferred")}",
        $"--Gateway:Folders:Rejected={folder.Combine("rejected")}",
        "--Worker:PollInterval=00:00:00.200",
    ];

    private static async Task<string> WaitForFileAsync(string directory, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.eml").FirstOrDefault() is { } file)
            {
                return file;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Nothing arrived in {directory} within {timeout}.");
    }
}
