using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using MpkiConnector.Storage;

namespace MpkiConnector.Tpm;

/// <summary>
/// Writes an enrolled certificate beside its key reference, as a desktop enrollment client installs it: one folder per
/// certificate under <see cref="TpmOptions.InstallDirectory"/> with <c>cert.pem</c>, <c>chain.pem</c> (the issuing
/// CAs), <c>root.pem</c> (when the CA returned its root) and <c>key.json</c> (where the key lives; no key material).
/// </summary>
internal sealed class TpmCertificateInstaller(TpmOptions options)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public string? FolderFor(string address, string serialNumber)
    {
        if (options.InstallDirectory is null)
        {
            return null;
        }

        var name = new StringBuilder();
        foreach (var c in address)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@' ? c : '_');
        }

        return Path.Combine(options.InstallDirectory, name + "-" + serialNumber);
    }

    public string? Install(CertificateRecord certificate, StoredKey key)
    {
        var folder = FolderFor(certificate.Address, certificate.SerialNumber);
        if (folder is null)
        {
            return null;
        }

        Directory.CreateDirectory(folder);
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.Der);
        File.WriteAllText(Path.Combine(folder, "cert.pem"), leaf.ExportCertificatePem());

        var chain = new StringBuilder();
        string? root = null;
        foreach (var der in certificate.Chain)
        {
            using var element = X509CertificateLoader.LoadCertificate(der);
            if (element.SubjectName.RawData.AsSpan().SequenceEqual(element.IssuerName.RawData))
            {
                root = element.ExportCertificatePem();
            }
            else
            {
                chain.AppendLine(element.ExportCertificatePem());
            }
        }

        File.WriteAllText(Path.Combine(folder, "chain.pem"), chain.ToString());
        if (root is not null)
        {
            File.WriteAllText(Path.Combine(folder, "root.pem"), root + "\n");
        }

        var reference = new Dictionary<string, string?>
        {
            ["keyId"] = key.Id,
            ["provider"] = key.ProviderKind,
            ["algorithm"] = key.Algorithm.ToString(),
            ["reference"] = key.ExternalReference,
            ["tcti"] = options.Tcti,
            ["certificateId"] = certificate.Id,
            ["thumbprint"] = certificate.Thumbprint,
        };
        File.WriteAllText(Path.Combine(folder, "key.json"), JsonSerializer.Serialize(reference, Json));
        return folder;
    }

    public void Remove(string address, string serialNumber)
    {
        var folder = FolderFor(address, serialNumber);
        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
