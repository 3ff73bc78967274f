using System.Text.Json;
using MimeKit;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

public sealed class OrdersAndMessagesTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private EmulatorGatewaySetup? _setup;

    private string Config => _setup!.Config;

    public async Task InitializeAsync() => _setup = await EmulatorGatewaySetup.StartAsync(_folder);

    public async Task DisposeAsync()
    {
        if (_setup is not null)
        {
            await _setup.DisposeAsync();
        }

        _folder.Dispose();
    }

    [Fact]
    public async Task MessageVerifyAndDecrypt_WhatTheGatewayWrote_SignatureValidAndContentBack()
    {
        await RunOnceAsync(Mail("ben.becker@example.org", "someone@elsewhere.test", "first"));
        await RunOnceAsync(Mail("anna.adler@example.com", "ben.becker@example.org", "secret text for ben"));
        var outbox = Directory.GetFiles(_folder.Combine("outbox"), "*.eml");
        var toBen = outbox.Single(f => File.ReadAllText(f).Contains("To: ben.becker@example.org", StringComparison.Ordinal));

        var verify = await CliRunner.RunAsync("message", "verify", toBen, "--json", "--config", Config);
        var decrypted = _folder.Combine("decrypted.eml");
        var decrypt = await CliRunner.RunAsync("message", "decrypt", toBen, "--out", decrypted, "--config", Config);

        Assert.True(verify.ExitCode == 0, verify.ToString());
        using (var json = JsonDocument.Parse(verify.Output))
        {
            Assert.True(json.RootElement.GetProperty("encrypted").GetBoolean());
            Assert.True(json.RootElement.GetProperty("valid").GetBoolean());
            Assert.Equal("anna.adler@example.com", Assert.Single(json.RootElement.GetProperty("signatures").EnumerateArray()).GetProperty("signer").GetString());
        }

        Assert.True(decrypt.ExitCode == 0, decrypt.ToString());
        Assert.Contains("secret text for ben", await File.ReadAllTextAsync(decrypted), StringComparison.Ordinal);
        var tampered = _folder.Combine("tampered.eml");
        var signedOnly = Directory.GetFiles(_folder.Combine("outbox"), "*.eml").Single(f => f != toBen);
        await File.WriteAllTextAsync(tampered, (await File.ReadAllTextAsync(signedOnly)).Replace("first", "fir5t", StringComparison.Ordinal));
        var bad = await CliRunner.RunAsync("message", "verify", tampered, "--config", Config);
        Assert.True(bad.ExitCode == 1, bad.ToString());
    }

    [Fact]
    public async Task OrdersListAndCancel_IssuedOrder_ListedNotCancellableUnknownIdNotFound()
    {
        await RunOnceAsync(Mail("anna.adler@example.com", "someone@elsewhere.test", "hello"));

        var all = await CliRunner.RunAsync("orders", "list", "--json", "--config", Config);
        Assert.True(all.ExitCode == 0, all.ToString());
        string id;
        using (var json = JsonDocument.Parse(all.Output))
        {
            var order = Assert.Single(json.RootElement.EnumerateArray());
            Assert.Equal("Issued", order.GetProperty("state").GetString());
            id = order.GetProperty("id").GetString()!;
        }

        var open = await CliRunner.RunAsync("orders", "list", "--open", "--config", Config);
        Assert.True(open.ExitCode == 0, open.ToString());
        Assert.Contains("No open orders", open.Output, StringComparison.Ordinal);

        var cancelIssued = await CliRunner.RunAsync("orders", "cancel", id[..8], "--config", Config);
        Assert.True(cancelIssued.ExitCode == 1, cancelIssued.ToString());
        Assert.Contains("not open", Assert.Single(cancelIssued.ErrorLines), StringComparison.Ordinal);
        var unknown = await CliRunner.RunAsync("orders", "cancel", "nope", "--config", Config);
        Assert.Equal(4, unknown.ExitCode);
    }

    private async Task RunOnceAsync(MimeMessage message)
    {
        var spool = _folder.Combine("spool");
        Directory.CreateDirectory(spool);
        await message.WriteToAsync(Path.Combine(spool, Guid.NewGuid().ToString("N") + ".eml"));
        var run = await CliRunner.RunAsync("gateway", "run", "--once", "--json", "--config", Config);
        Assert.True(run.ExitCode == 0, run.ToString());
    }

    private static MimeMessage Mail(string from, string to, string text)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "test " + text;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("example.com");
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }
}
