using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Gateway.Smtp;

/// <summary><see cref="SmtpOptions"/> checked and parsed: the endpoint, the networks, the STARTTLS certificate.</summary>
internal sealed record SmtpSettings(SmtpOptions Options, IPEndPoint Listen, IReadOnlyList<IPNetwork> AllowedNetworks, X509Certificate2? Certificate)
{
    /// <summary>Checks <paramref name="options"/>; every mistake is one line of a <see cref="GatewayConfigurationException"/>.</summary>
    public static SmtpSettings Create(SmtpOptions options, string baseDirectory)
    {
        var errors = new List<string>();
        if (!IPEndPoint.TryParse(options.Listen ?? string.Empty, out var listen) || listen.Port == 0)
        {
            errors.Add($"Smtp.Listen: '{options.Listen}' is not an address and port (e.g. \"127.0.0.1:2525\").");
        }

        var networks = new List<IPNetwork>();
        var allowed = options.AllowedNetworks ?? [.. SmtpOptions.LoopbackNetworks];
        if (allowed.Count == 0)
        {
            errors.Add("Smtp.AllowedNetworks: empty; no client could send mail. List the networks of the MTAs that hand mail in (e.g. \"127.0.0.0/8\").");
        }
        else
        {
            foreach (var text in allowed)
            {
                if (!IPNetwork.TryParse(text ?? string.Empty, out var network))
                {
                    errors.Add($"Smtp.AllowedNetworks: '{text}' is not a network in CIDR form (e.g. \"10.0.0.0/24\").");
                }
                else if (network.PrefixLength == 0 && options.Auth is null)
                {
                    errors.Add($"Smtp.AllowedNetworks: '{text}' allows every client: that is an open relay. Narrow it, or configure Smtp.Auth.");
                }
                else
                {
                    networks.Add(network);
                }
            }
        }

        if (options.MaxMessageSize < 1024)
        {
            errors.Add($"Smtp.MaxMessageSize: {options.MaxMessageSize} bytes is too small (at least 1024).");
        }

        if (options.MaxRecipients < 1)
        {
            errors.Add($"Smtp.MaxRecipients: {options.MaxRecipients} is not a positive number.");
        }

        if (string.IsNullOrWhiteSpace(options.ServerName))
        {
            errors.Add("Smtp.ServerName: missing.");
        }

        var certificate = LoadCertificate(options, baseDirectory, errors);
        if (options.Auth is { } auth && (string.IsNullOrEmpty(auth.User) || string.IsNullOrEmpty(auth.Password)))
        {
            errors.Add("Smtp.Auth: both User and Password are needed (set the password through MPKI__Smtp__Auth__Password).");
        }

        if (options.Auth is not null && certificate is null)
        {
            errors.Add("Smtp.Auth: AUTH is offered only over TLS; set Smtp.CertificateFile too.");
        }

        ValidateNextHop(options.NextHop, errors);
        if (options.RelayConcurrency is < 1 or > 64)
        {
            errors.Add($"Smtp.RelayConcurrency: {options.RelayConcurrency} is not between 1 and 64.");
        }

        if (options.DrainTimeout < TimeSpan.Zero)
        {
            errors.Add($"Smtp.DrainTimeout: {options.DrainTimeout} is negative.");
        }

        if (errors.Count > 0)
        {
            certificate?.Dispose();
            throw new GatewayConfigurationException(errors);
        }

        return new SmtpSettings(options, listen!, networks, certificate);
    }

    /// <summary>Whether <paramref name="address"/> is in one of the allowed networks.</summary>
    public bool IsAllowed(IPAddress address)
    {
        var mapped = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return AllowedNetworks.Any(n => n.Contains(mapped));
    }

    private static void ValidateNextHop(SmtpNextHopOptions? hop, List<string> errors)
    {
        if (hop is null || string.IsNullOrWhiteSpace(hop.Host))
        {
            errors.Add("Smtp.NextHop.Host: missing. Set the host processed mail goes to (for Postfix in front: its reinjection listener, e.g. \"127.0.0.1\").");
            return;
        }

        if (hop.Port is < 1 or > 65535)
        {
            errors.Add($"Smtp.NextHop.Port: {hop.Port} is not a TCP port.");
        }

        if (!Enum.IsDefined(hop.StartTls))
        {
            errors.Add($"Smtp.NextHop.StartTls: '{hop.StartTls}' is not one of None, WhenAvailable, Required.");
        }

        if (hop.RetryDelay <= TimeSpan.Zero || hop.MaxRetryDelay < hop.RetryDelay)
        {
            errors.Add($"Smtp.NextHop.RetryDelay/MaxRetryDelay: {hop.RetryDelay} / {hop.MaxRetryDelay}: the first delay must be positive and not longer than the maximum.");
        }
    }

    private static X509Certificate2? LoadCertificate(SmtpOptions options, string baseDirectory, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.CertificateFile))
        {
            if (!string.IsNullOrWhiteSpace(options.CertificateKeyFile))
            {
                errors.Add("Smtp.CertificateKeyFile: set without Smtp.CertificateFile.");
            }

            return null;
        }

        var certificatePath = Path.GetFullPath(options.CertificateFile, baseDirectory);
        var keyPath = string.IsNullOrWhiteSpace(options.CertificateKeyFile) ? null : Path.GetFullPath(options.CertificateKeyFile, baseDirectory);
        foreach (var (name, path) in new[] { ("Smtp.CertificateFile", certificatePath), ("Smtp.CertificateKeyFile", keyPath) })
        {
            if (path is not null && !File.Exists(path))
            {
                errors.Add($"{name}: '{path}' does not exist.");
                return null;
            }
        }

        try
        {
            using var pem = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (!pem.HasPrivateKey)
            {
                errors.Add($"Smtp.CertificateFile: '{certificatePath}' has no private key; set Smtp.CertificateKeyFile.");
                return null;
            }

            // SslStream wants a key it can use on every platform: round-trip through PKCS#12.
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        catch (CryptographicException ex)
        {
            errors.Add($"Smtp.CertificateFile: '{certificatePath}' (with key {keyPath ?? "in the same file"}) cannot be loaded as a PEM certificate and key: {ex.Message}");
            return null;
        }
    }
}
