using System.Net;
using System.Net.Sockets;

namespace MpkiConnector.TestUtils;

/// <summary>Free TCP ports on 127.0.0.1 for servers that cannot bind port 0 and report it.</summary>
public static class LoopbackPort
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
