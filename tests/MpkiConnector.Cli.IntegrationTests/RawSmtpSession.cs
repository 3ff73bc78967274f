using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MpkiConnector.Cli.Tests;

/// <summary>An SMTP session typed by hand over a socket, for the moments a client library does not let a test stop at (halfway through DATA).</summary>
internal sealed class RawSmtpSession : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawSmtpSession(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
        _reader = new StreamReader(_stream, Encoding.ASCII);
    }

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and reads the greeting.</summary>
    public static async Task<RawSmtpSession> ConnectAsync(int port)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var session = new RawSmtpSession(client);
        var greeting = await session.ReadReplyAsync();
        Assert.StartsWith("220", greeting, StringComparison.Ordinal);
        return session;
    }

    /// <summary>Sends one command line and returns the reply (every line of a multi-line one).</summary>
    public async Task<string> CommandAsync(string line)
    {
        await WriteAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    public async Task WriteAsync(string text)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// <summary>Reads one reply; empty when the server closed the connection.</summary>
    public async Task<string> ReadReplyAsync()
    {
        var reply = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _reader.ReadLineAsync(timeout.Token) is { } line)
        {
            reply.AppendLine(line);
            if (line.Length < 4 || line[3] != '-')
            {
                break;
            }
        }

        return reply.ToString();
    }

    public void Dispose()
    {
        _reader.Dispose();
        _client.Dispose();
    }
}
