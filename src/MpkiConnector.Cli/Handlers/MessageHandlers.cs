using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using MimeKit.Cryptography;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Storage;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki message verify|decrypt FILE</c>.</summary>
internal static class MessageHandlers
{
    public static async Task<int> VerifyAsync(CommandContext ctx, string file, IReadOnlyList<string> roots, bool json)
    {
        var message = await LoadAsync(file, ctx.CancellationToken).ConfigureAwait(false);
        var enveloped = message.Body as ApplicationPkcs7Mime is { SecureMimeType: SecureMimeType.EnvelopedData } e ? e : null;
        var encrypted = enveloped is not null;
        StoreAccess.RequireExisting(ctx);
        await using var gateway = encrypted
            ? await GatewayFactory.CreateWithKeysAsync(ctx).ConfigureAwait(false)
            : GatewayFactory.Create(ctx, secrets: CommandSecrets.None);
        var smime = gateway.SecureMimeContext;
        await AddTrustedRootsAsync(gateway, roots, ctx.CancellationToken).ConfigureAwait(false);
        var body = enveloped is not null ? await DecryptBodyAsync(gateway, enveloped, file, ctx.CancellationToken).ConfigureAwait(false) : message.Body;
        DigitalSignatureCollection signatures = body switch
        {
            MultipartSigned signed => await signed.VerifyAsync(smime, ctx.CancellationToken).ConfigureAwait(false),
            ApplicationPkcs7Mime { SecureMimeType: SecureMimeType.SignedData } opaque => opaque.Verify(smime, out _, ctx.CancellationToken),
            _ => throw new CliException(ExitCodes.Failure, $"'{file}' is not signed (no S/MIME signature)"),
        };

        var results = signatures.Select(s => Check(s)).ToArray();
        var valid = results.Length > 0 && results.All(r => r.SignatureValid && r.ChainValid);
        if (json)
        {
            JsonOutput.Write(ctx, new { File = Path.GetFullPath(file), Encrypted = encrypted, Valid = valid, Signatures = results });
            return valid ? ExitCodes.Success : ExitCodes.Failure;
        }

        foreach (var r in results)
        {
            ctx.WriteLine($"{(r.SignatureValid && r.ChainValid ? "✓" : "✗")} signed by {r.Signer} (certificate {r.Fingerprint}, valid until {r.NotAfter:yyyy-MM-dd})");
            ctx.WriteLine($"    {(r.SignatureValid ? "✓" : "✗")} the signature matches the content");
            ctx.WriteLine($"    {(r.ChainValid ? "✓" : "✗")} the certificate chains to a trusted root{(r.Problem is null ? string.Empty : ": " + r.Problem)}");
        }

        ctx.WriteLine(valid ? $"{Path.GetFileName(file)}: signature valid{(encrypted ? " (after decryption)" : string.Empty)}." : $"{Path.GetFileName(file)}: signature NOT valid.");
        return valid ? ExitCodes.Success : ExitCodes.Failure;
    }

    public static async Task<int> DecryptAsync(CommandContext ctx, string file, string? output, bool json)
    {
        var message = await LoadAsync(file, ctx.CancellationToken).ConfigureAwait(false);
        if (message.Body is not ApplicationPkcs7Mime { SecureMimeType: SecureMimeType.EnvelopedData } enveloped)
        {
            throw new CliException(ExitCodes.Failure, $"'{file}' is not encrypted (no S/MIME enveloped data)");
        }

        StoreAccess.RequireExisting(ctx);
        await using var gateway = await GatewayFactory.CreateWithKeysAsync(ctx).ConfigureAwait(false);
        message.Body = await DecryptBodyAsync(gateway, enveloped, file, ctx.CancellationToken).ConfigureAwait(false);
        if (output is null && !json)
        {
            await using var stdout = new MemoryStream();
            await message.WriteToAsync(stdout, ctx.CancellationToken).ConfigureAwait(false);
            ctx.Io.Out.Write(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
            return ExitCodes.Success;
        }

        var path = output is null ? null : Path.GetFullPath(output);
        if (path is not null)
        {
            await message.WriteToAsync(path, ctx.CancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            JsonOutput.Write(ctx, new { File = Path.GetFullPath(file), Out = path, ContentType = message.Body.ContentType.MimeType, Signed = message.Body is MultipartSigned or ApplicationPkcs7Mime });
        }
        else
        {
            ctx.WriteLine($"Decrypted {Path.GetFileName(file)} into {path} ({message.Body.ContentType.MimeType}).");
        }

        return ExitCodes.Success;
    }

    private static async Task<MimeMessage> LoadAsync(string file, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            throw CliException.NotFound($"message file '{path}' not found");
        }

        try
        {
            return await MimeMessage.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            throw new CliException(ExitCodes.Failure, $"'{path}' is not a MIME message: {ex.Message}", ex);
        }
    }

    private static async Task<MimeEntity> DecryptBodyAsync(MpkiGateway gateway, ApplicationPkcs7Mime enveloped, string file, CancellationToken cancellationToken)
    {
        try
        {
            return await enveloped.DecryptAsync(gateway.SecureMimeContext, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is CryptographicException or PrivateKeyNotFoundException or CertificateNotFoundException)
        {
            throw CliException.NotFound($"'{file}' cannot be decrypted with the store's keys: {ex.Message}");
        }
    }

    /// <summary>The self-signed roots at the end of the store's certificate chains, and the --ca files.</summary>
    private static async Task AddTrustedRootsAsync(MpkiGateway gateway, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        var trusted = gateway.SecureMimeContext.TrustedRoots;
        foreach (var file in files)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw CliException.NotFound($"--ca: '{path}' not found");
            }

            trusted.ImportFromPemFile(path);
        }

        foreach (var record in await gateway.Certificates.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (record.Chain.Count == 0)
            {
                continue;
            }

            var root = X509CertificateLoader.LoadCertificate(record.Chain[^1]);
            if (root.SubjectName.RawData.AsSpan().SequenceEqual(root.IssuerName.RawData) && !trusted.Cast<X509Certificate2>().Any(t => t.Thumbprint == root.Thumbprint))
            {
                trusted.Add(root);
            }
            else
            {
                root.Dispose();
            }
        }
    }

    private static SignatureCheck Check(IDigitalSignature signature)
    {
        var certificate = signature.SignerCertificate;
        bool signatureValid;
        string? problem = null;
        try
        {
            signatureValid = signature.Verify(verifySignatureOnly: true);
        }
        catch (DigitalSignatureVerifyException ex)
        {
            signatureValid = false;
            problem = ex.Message;
        }

        var chainValid = false;
        if (signatureValid)
        {
            chainValid = signature.Verify();
            problem = chainValid ? null : "no chain to a root of the store (pass the CA's root with --ca FILE)";
        }

        return new SignatureCheck(certificate?.Email ?? "(unknown)", certificate?.Fingerprint ?? "-", certificate?.ExpirationDate ?? default, signatureValid, chainValid, problem);
    }
}
