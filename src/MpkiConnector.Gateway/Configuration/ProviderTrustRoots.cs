using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Gateway.Configuration;

/// <summary>
/// Reads a provider account's <see cref="ProviderAccountOptions.TrustedRoots"/>: each entry is a file (PEM with one or
/// more certificates, or DER; relative to the configuration file) or a certificate as base64 DER.
/// </summary>
internal static class ProviderTrustRoots
{
    /// <summary>The entry as a full path when it names an existing file, else unchanged.</summary>
    public static string Resolve(string entry, string baseDirectory)
    {
        try
        {
            var path = Path.GetFullPath(entry, baseDirectory);
            return File.Exists(path) ? path : entry;
        }
        catch (ArgumentException)
        {
            return entry;
        }
    }

    /// <summary>The certificates of one entry, or why it cannot be read.</summary>
    public static bool TryLoad(string? entry, string baseDirectory, out X509Certificate2Collection roots, out string? error)
    {
        roots = [];
        error = null;
        if (string.IsNullOrWhiteSpace(entry))
        {
            error = "is empty; give a certificate file (PEM or DER) or the certificate as base64 DER.";
            return false;
        }

        try
        {
            var path = Resolve(entry, baseDirectory);
            if (File.Exists(path))
            {
                var bytes = File.ReadAllBytes(path);
                if (bytes.AsSpan().IndexOf("-----BEGIN"u8) >= 0)
                {
                    roots.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
                }
                else
                {
                    roots.Add(X509CertificateLoader.LoadCertificate(bytes));
                }
            }
            else
            {
                roots.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(entry.Trim())));
            }
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            error = $"'{(entry.Length > 60 ? entry[..57] + "..." : entry)}' is neither a readable certificate file (PEM or DER) nor a certificate as base64 DER.";
            return false;
        }

        if (roots.Count == 0)
        {
            error = $"'{entry}' holds no certificate.";
            return false;
        }

        return true;
    }

    /// <summary>The trusted roots of every account (entries already checked by the validator).</summary>
    public static CertificateTrustAnchors Anchors(GatewayOptions options, string baseDirectory)
    {
        var anchors = new CertificateTrustAnchors();
        foreach (var (name, account) in options.Providers)
        {
            foreach (var entry in account.TrustedRoots)
            {
                if (TryLoad(entry, baseDirectory, out var roots, out _))
                {
                    anchors.Add(name, roots);
                }
            }
        }

        return anchors;
    }
}
