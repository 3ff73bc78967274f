using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Sectigo.SelfEnrollment;
using MpkiConnector.Storage;
using MpkiConnector.Tpm;

namespace MpkiConnector.Cli.Handlers;

/// <summary>
/// <c>mpki tpm enroll --link URL</c>: redeems a one-time enrollment link from the self-enrollment form with no operator
/// credential. The link decides the subject, profile, term and key type; the enrollment runs through the same journaled
/// TPM enrollment as every other (a killed run resumes when the same link is given again), and the CA's root is offered
/// for trust (<c>--trust-root</c> writes it to <c>Tpm:TrustFolder</c>).
/// </summary>
internal static class TpmLinkHandler
{
    /// <summary>The provider account name that enrollments through links are journaled under.</summary>
    public const string ProviderName = "enroll-link";

    /// <summary>
    /// The account a desktop configuration (no provider account, no secrets) gets for the TPM commands that never call a CA
    /// (<c>tpm list|verify|remove</c>): a link to nowhere (the discard port), never redeemed.
    /// </summary>
    public const string NoLink = "mpki-enroll:?server=http%3A%2F%2F127.0.0.1%3A9%2F&token=no-link-this-command-calls-no-ca";

    public static async Task<int> EnrollAsync(CommandContext ctx, string linkText, bool trustRoot, TimeSpan? wait, bool json)
    {
        var link = EnrollmentLink.Parse(linkText);
        EnrollmentLinkDetails details;
        using (var client = new EnrollmentLinkClient(link))
        {
            details = await client.GetDetailsAsync(ctx.CancellationToken).ConfigureAwait(false);
        }

        if (details.State == "expired")
        {
            // Before any key is made in the TPM.
            throw new MpkiException(MpkiErrorKind.Rejected, $"The enrollment link has expired ({details.ExpiresAt:yyyy-MM-dd HH:mm} UTC). Open the enrollment page again for a new link.");
        }

        var trustFolder = ctx.Configuration["Tpm:TrustFolder"];
        if (trustRoot && string.IsNullOrWhiteSpace(trustFolder))
        {
            throw CliException.Configuration("--trust-root needs Tpm:TrustFolder in the configuration (the folder the desktop's trust store reads)");
        }

        await using var gateway = CreateGateway(ctx, wait, linkText);
        var enrollment = gateway.Services.GetRequiredService<TpmEnrollmentService>();
        var request = new TpmEnrollmentRequest(ProviderName, details.Kind, details.Subject)
        {
            Algorithm = details.KeyAlgorithm,
            CertificateType = details.CertificateType,
            TermDays = details.TermDays,
        };
        var result = await CliProgress.RunAsync(
            ctx.Io,
            quiet: !ctx.Io.Interactive || json,
            $"enrolling {details.Subject} through the enrollment link",
            total: 1,
            measureDone: () => 0,
            () => enrollment.EnrollAsync(request, ctx.CancellationToken)).ConfigureAwait(false);
        if (result is TpmEnrollmentResult.Failed failed)
        {
            throw new MpkiException(failed.Kind, failed.Reason);
        }

        RootOffer? root = null;
        if (result is TpmEnrollmentResult.Installed installed)
        {
            var record = await gateway.Services.GetRequiredService<ICertificateStore>().GetCertificateAsync(installed.Certificate.CertificateId, ctx.CancellationToken).ConfigureAwait(false);
            root = Offer(record, trustRoot ? trustFolder : null);
        }

        if (json)
        {
            JsonOutput.Write(ctx, new
            {
                Status = result is TpmEnrollmentResult.Installed ? "installed" : "pending",
                Kind = details.Kind == MpkiCertificateKind.Device ? "device" : "client",
                details.Subject,
                Certificate = (result as TpmEnrollmentResult.Installed)?.Certificate,
                Pending = result as TpmEnrollmentResult.Pending,
                Root = root,
            });
            return result is TpmEnrollmentResult.Installed ? ExitCodes.Success : ExitCodes.Pending;
        }

        var exit = TpmHandlers.Report(ctx, result);
        if (result is TpmEnrollmentResult.Pending)
        {
            ctx.WriteLine("To finish it, run the same command again with the same link (it stays yours for this order).");
        }

        if (root is not null)
        {
            ctx.WriteLine(root.TrustedPath is not null
                ? $"Trusted the CA's root {root.Subject} (SHA-256 {root.Sha256}): written to {root.TrustedPath}."
                : $"The CA's root is {root.Subject}, SHA-256 fingerprint {root.Sha256}. Compare it with the one your administrator published; to trust it, run the same command with --trust-root.");
        }

        return exit;
    }

    private static RootOffer? Offer(CertificateRecord? certificate, string? trustFolder)
    {
        foreach (var der in certificate?.Chain ?? [])
        {
            using var element = X509CertificateLoader.LoadCertificate(der);
            if (!element.SubjectName.RawData.AsSpan().SequenceEqual(element.IssuerName.RawData))
            {
                continue;
            }

            var sha256 = Convert.ToHexString(SHA256.HashData(der));
            string? path = null;
            if (trustFolder is not null)
            {
                Directory.CreateDirectory(trustFolder);
                path = Path.Combine(Path.GetFullPath(trustFolder), $"mpki-{sha256[..16].ToLowerInvariant()}.crt");
                File.WriteAllText(path, element.ExportCertificatePem() + "\n");
            }

            return new RootOffer(element.Subject, string.Join(':', Enumerable.Range(0, sha256.Length / 2).Select(i => sha256.Substring(i * 2, 2))), path);
        }

        return null;
    }

    /// <summary>The store and TPM keys, with the link as the only provider account: no CA password, no key-encryption key needed.</summary>
    private static MpkiGateway CreateGateway(CommandContext ctx, TimeSpan? wait, string linkText)
    {
        var section = ctx.Configuration.GetSection("Tpm");
        return GatewayFactory.Create(
            ctx,
            configure: build =>
            {
                AddLinkProvider(build, linkText);
                build.ConfigureServices = services => services.AddMpkiConnector().AddTpmKeys(options => section.Bind(options));
                if (wait is { } bound)
                {
                    build.ConfigureIssuance = issuance => issuance.MaxWait = bound;
                }
            },
            secrets: CommandSecrets.None);
    }

    /// <summary>Adds the link's provider account (type <c>enroll-link</c>) to the gateway being built.</summary>
    public static void AddLinkProvider(GatewayBuildOptions build, string linkText)
    {
        build.ProviderFactories.Add(new EnrollmentLinkProviderFactory());
        build.Overrides[$"Providers:{ProviderName}:Type"] = EnrollmentLinkProviderFactory.LinkType;
        build.Overrides[$"Providers:{ProviderName}:Link"] = linkText;
    }

    private sealed record RootOffer(string Subject, string Sha256, string? TrustedPath);
}
