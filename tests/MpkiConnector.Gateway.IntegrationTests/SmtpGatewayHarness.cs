using System.Globalization;
using System.Text.Json.Nodes;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MpkiConnector.Gateway.Smtp;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Gateway.Tests;

/// <summary>A <see cref="GatewayHarness"/> served over SMTP on a free loopback port, relaying to <see cref="NextHopPort"/>.</summary>
internal sealed class SmtpGatewayHarness : IAsyncDisposable
{
    public SmtpGatewayHarness(GatewayHarness? gateway = null)
    {
        Gateway = gateway ?? new GatewayHarness(TimeProvider.System).WithFakeProvider().WithDomain("example.com", "fake");
        Port = LoopbackPort.Next();
        NextHopPort = LoopbackPort.Next();
        Smtp = new JsonObject
        {
            ["Listen"] = $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}",
            ["DrainTimeout"] = "00:00:05",
            ["NextHop"] = new JsonObject
            {
                ["Host"] = "127.0.0.1",
                ["Port"] = NextHopPort,
                ["StartTls"] = "None",
                ["RetryDelay"] = "00:00:00.200",
                ["MaxRetryDelay"] = "00:00:01",
            },
        };
        Gateway.Config["Smtp"] = Smtp;
    }

    public GatewayHarness Gateway { get; }

    public JsonObject Smtp { get; }

    public int Port { get; }

    public int NextHopPort { get; }

    public SmtpGatewayServer? Server { get; private set; }

    /// <summary>Builds the gateway from the configuration and starts serving.</summary>
    public async Task<SmtpGatewayServer> StartAsync(Action<SmtpGatewayServer>? beforeStart = null)
    {
        var gateway = Gateway.Start();
        Server = SmtpGatewayServer.Create(gateway);
        beforeStart?.Invoke(Server);
        await Server.StartAsync();
        return Server;
    }

    /// <summary>Stops the server (gracefully) and disposes the gateway, keeping the folders: a restart starts from them.</summary>
    public async Task StopAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Server = null;
        }

        if (Gateway.Gateway is not null)
        {
            await Gateway.Gateway.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public static MimeMessage Mail(string from, string to, string body = "Hello over SMTP.\r\n", string subject = "Hello")
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    /// <summary>A connected MailKit client (plain SMTP unless <paramref name="tls"/>).</summary>
    public async Task<SmtpClient> ConnectAsync(SecureSocketOptions tls = SecureSocketOptions.None)
    {
        var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", Port, tls);
        return client;
    }

    /// <summary>Sends one message over a new connection; returns the server's answer to DATA.</summary>
    public async Task<string> SendAsync(MimeMessage message, MailboxAddress? sender = null, IEnumerable<MailboxAddress>? recipients = null)
    {
        using var client = await ConnectAsync();
        var answer = sender is null
            ? await client.SendAsync(message)
            : await client.SendAsync(message, sender, recipients ?? message.To.Mailboxes);
        await client.DisconnectAsync(true);
        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await Gateway.DisposeAsync();
    }
}
