using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MpkiConnector.TestUtils;

/// <summary>
/// A tiny SMTP server on 127.0.0.1 (the <c>SmtpServer</c> package) that keeps every message it is handed, with its
/// envelope: the next hop of a gateway under test. Dispose it to stop it (the port may then be reused by a new one).
/// </summary>
public sealed class CapturingSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _task;

    private CapturingSmtpServer(int port, Func<string, bool>? refuseRecipient)
    {
        Port = port;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("next-hop.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        if (refuseRecipient is not null)
        {
            services.Add(new Refusing(refuseRecipient));
        }

        _task = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    /// <summary>The port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>What was received, in order.</summary>
    public ConcurrentQueue<CapturedMessage> Messages { get; } = new();

    /// <summary>
    /// Starts a server on <paramref name="port"/> (a free one when null) and waits until it accepts connections; a
    /// recipient <paramref name="refuseRecipient"/> says yes to is answered 550 at RCPT TO.
    /// </summary>
    public static async Task<CapturingSmtpServer> StartAsync(int? port = null, Func<string, bool>? refuseRecipient = null)
    {
        var server = new CapturingSmtpServer(port ?? LoopbackPort.Next(), refuseRecipient);
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, server.Port);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        await server.DisposeAsync();
        throw new InvalidOperationException($"The capturing SMTP server did not listen on port {server.Port}.");
    }

    /// <summary>Waits until at least <paramref name="count"/> messages arrived (or the timeout passes) and returns them.</summary>
    public async Task<IReadOnlyList<CapturedMessage>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (Messages.Count < count && DateTime.UtcNow < until)
        {
            await Task.Delay(50);
        }

        return Messages.ToArray();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _task;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Refusing(Func<string, bool> refuse) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!refuse(to.AsAddress()));
    }

    private sealed class Store(CapturingSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            owner.Messages.Enqueue(new CapturedMessage(transaction.From.AsAddress(), transaction.To.Select(t => t.AsAddress()).ToArray(), buffer.ToArray()));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
