using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Gateway.Hosting;
using MpkiConnector.Tpm;
using Spectre.Console;

namespace MpkiConnector.Cli.Handlers;

/// <summary><c>mpki tpm enroll|list|verify|remove</c>: the gateway's store and provider accounts, with TPM keys (settings under <c>Tpm</c>).</summary>
internal static class TpmHandlers
{
    public static async Task<int> EnrollAsync(CommandContext ctx, TpmEnrollOptions options)
    {
        var (type, email, device, provider, algorithm, resume, waitSeconds) = options;
        if (waitSeconds is < 0)
        {
            throw CliException.Configuration("--wait takes seconds, 0 or more");
        }

        var wait = waitSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
        if (options.Link is { } link)
        {
            return email is null && device is null && provider is null && !resume
                ? await TpmLinkHandler.EnrollAsync(ctx, link, options.TrustRoot, wait, options.Json).ConfigureAwait(false)
                : throw CliException.Configuration("--link carries everything: give it no --email, --device, --provider or --resume (run it again with the same link to resume)");
        }

        if (options.TrustRoot || options.Json)
        {
            throw CliException.Configuration("--trust-root and --json go with --link");
        }

        if (resume)
        {
            return email is null && device is null && provider is null
                ? await ResumeAsync(ctx, wait).ConfigureAwait(false)
                : throw CliException.Configuration("--resume continues every open TPM enrollment: give it no --email, --device or --provider");
        }

        var kind = type == "device" ? MpkiCertificateKind.Device : MpkiCertificateKind.Person;
        var subject = kind == MpkiCertificateKind.Person
            ? (string.IsNullOrWhiteSpace(email) ? throw CliException.Configuration("--type client needs --email E") : email.Trim())
            : (string.IsNullOrWhiteSpace(device) ? System.Net.Dns.GetHostName() : device.Trim());
        if (string.IsNullOrWhiteSpace(provider))
        {
            throw CliException.Configuration("tpm enroll needs --provider NAME (or --resume to finish the open enrollments)");
        }

        await using var gateway = CreateGateway(ctx, wait);
        var enrollment = gateway.Services.GetRequiredService<TpmEnrollmentService>();
        var result = await CliProgress.RunAsync(
            ctx.Io,
            quiet: !ctx.Io.Interactive,
            $"enrolling {subject}",
            total: 1,
            measureDone: () => 0,
            () => enrollment.EnrollAsync(new TpmEnrollmentRequest(provider, kind, subject) { Algorithm = algorithm }, ctx.CancellationToken)).ConfigureAwait(false);
        return result is TpmEnrollmentResult.Failed failed ? throw new MpkiException(failed.Kind, failed.Reason) : Report(ctx, result);
    }

    private static async Task<int> ResumeAsync(CommandContext ctx, TimeSpan? wait)
    {
        await using var gateway = CreateGateway(ctx, wait);
        var enrollment = gateway.Services.GetRequiredService<TpmEnrollmentService>();
        var results = await CliProgress.RunAsync(
            ctx.Io,
            quiet: !ctx.Io.Interactive,
            "resuming TPM enrollments",
            total: 1,
            measureDone: () => 0,
            () => enrollment.ResumeAsync(ctx.CancellationToken)).ConfigureAwait(false);
        if (results.Count == 0)
        {
            ctx.WriteLine("No open TPM enrollment to resume.");
        }

        return results.Select(r => Report(ctx, r)).DefaultIfEmpty(ExitCodes.Success).Max();
    }

    internal static int Report(CommandContext ctx, TpmEnrollmentResult result)
    {
        switch (result)
        {
            case TpmEnrollmentResult.Installed { Certificate: var certificate }:
                ctx.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Enrolled a {(certificate.Kind == MpkiCertificateKind.Person ? "client" : "device")} certificate for {certificate.Address}: serial {certificate.SerialNumber}, valid until {certificate.NotAfter:yyyy-MM-dd}, key {certificate.Algorithm} in the TPM at {certificate.KeyReference} (not exportable)."));
                if (certificate.InstallPath is not null)
                {
                    ctx.WriteLine($"Installed in {certificate.InstallPath} (certificate, chain and root).");
                }

                return ExitCodes.Success;

            case TpmEnrollmentResult.Pending pending:
                var next = pending.NextAttemptAt is { } at ? string.Create(CultureInfo.InvariantCulture, $" after {at:yyyy-MM-dd HH:mm:ss} UTC") : string.Empty;
                ctx.WriteLine(
                    $"Pending at the CA for {pending.Address} ({pending.Status ?? "not issued yet"}): order {pending.OrderId} and its TPM key {pending.KeyReference ?? "?"} are kept. " +
                    $"Run the same command again, or 'mpki tpm enroll --resume', later{next}.");
                return ExitCodes.Pending;

            case TpmEnrollmentResult.Failed failed:
                ctx.WriteLine($"✗ {failed.Address}: {failed.Reason}");
                return failed.Kind == MpkiErrorKind.Configuration ? ExitCodes.UsageOrConfiguration : ExitCodes.CertificateAuthority;

            default:
                throw new CliException($"Unknown enrollment result {result.GetType().Name}.");
        }
    }

    public static async Task<int> ListAsync(CommandContext ctx, bool json)
    {
        await using var gateway = CreateGateway(ctx);
        var certificates = await gateway.Services.GetRequiredService<TpmEnrollmentService>().ListAsync(ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, certificates.Select(View).ToArray());
            return ExitCodes.Success;
        }

        if (certificates.Count == 0)
        {
            ctx.WriteLine("No TPM certificates (enroll one with 'mpki tpm enroll').");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("Address / device", "Kind", "Key", "Key handle", "Serial", "Not after", "Provider");
        foreach (var c in certificates)
        {
            table.AddRow(
                Markup.Escape(c.Address),
                c.Kind == MpkiCertificateKind.Person ? "client" : "device",
                c.Algorithm.ToString(),
                Markup.Escape(c.KeyReference),
                c.SerialNumber,
                c.NotAfter.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Markup.Escape(c.ProviderName));
        }

        ctx.Io.Console.Write(table);
        return ExitCodes.Success;
    }

    public static async Task<int> VerifyAsync(CommandContext ctx, bool json)
    {
        await using var gateway = CreateGateway(ctx);
        var results = await gateway.Services.GetRequiredService<TpmVerification>().VerifyAsync(ctx.CancellationToken).ConfigureAwait(false);
        if (json)
        {
            JsonOutput.Write(ctx, results.Select(r => new
            {
                Certificate = View(r.Certificate),
                r.KeyProvider,
                r.KeyMatchesCertificate,
                r.KeyNotExportable,
                r.SignVerifyPassed,
                r.Passed,
                r.Problem,
            }).ToArray());
        }
        else if (results.Count == 0)
        {
            ctx.WriteLine("No TPM certificates to verify.");
        }
        else
        {
            foreach (var r in results)
            {
                ctx.WriteLine($"{(r.Passed ? "✓" : "✗")} {r.Certificate.Address} (serial {r.Certificate.SerialNumber}, key {r.Certificate.KeyReference})");
                ctx.WriteLine($"    key provider: {r.KeyProvider}");
                ctx.WriteLine($"    {Mark(r.KeyMatchesCertificate)} the key's public key is the certificate's");
                ctx.WriteLine($"    {Mark(r.KeyNotExportable)} the private key cannot be exported");
                ctx.WriteLine($"    {Mark(r.SignVerifyPassed)} a signature made in the TPM verifies with the certificate");
                if (r.Problem is not null)
                {
                    ctx.WriteLine($"    problem: {r.Problem}");
                }
            }
        }

        return results.All(r => r.Passed) ? ExitCodes.Success : ExitCodes.Failure;
    }

    public static async Task<int> RemoveAsync(CommandContext ctx, string id)
    {
        await using var gateway = CreateGateway(ctx);
        var removed = await gateway.Services.GetRequiredService<TpmEnrollmentService>().RemoveAsync(id, ctx.CancellationToken).ConfigureAwait(false);
        if (removed.Count == 0)
        {
            throw CliException.NotFound($"no TPM certificate matches '{id}' (see 'mpki tpm list')");
        }

        foreach (var c in removed)
        {
            ctx.WriteLine($"Removed {c.Address} (serial {c.SerialNumber}); its key is gone from the TPM. Revoking at the CA is a separate step: mpki revoke --serial {c.SerialNumber}");
        }

        return ExitCodes.Success;
    }

    /// <summary>The gateway's store and accounts with TPM keys; <paramref name="wait"/> bounds how long one enrollment waits for the CA.</summary>
    private static MpkiGateway CreateGateway(CommandContext ctx, TimeSpan? wait = null)
    {
        // A desktop that enrolls only through links has no provider account and no secret: it still lists and verifies.
        var section = ctx.Configuration.GetSection("Tpm");
        var desktop = !ctx.Configuration.GetSection("Providers").GetChildren().Any();
        return GatewayFactory.Create(
            ctx,
            configure: build =>
            {
                if (desktop)
                {
                    TpmLinkHandler.AddLinkProvider(build, TpmLinkHandler.NoLink);
                }

                build.ConfigureServices = services => services.AddMpkiConnector().AddTpmKeys(options => section.Bind(options));
                if (wait is { } bound)
                {
                    build.ConfigureIssuance = issuance => issuance.MaxWait = bound;
                }
            },
            secrets: desktop ? CommandSecrets.None : CommandSecrets.All);
    }

    private static string Mark(bool passed) => passed ? "✓" : "✗";

    private static object View(TpmCertificate c) => new
    {
        c.CertificateId,
        c.Address,
        Kind = c.Kind == MpkiCertificateKind.Person ? "client" : "device",
        c.KeyId,
        c.KeyReference,
        c.Algorithm,
        c.SerialNumber,
        c.Subject,
        c.Issuer,
        c.Thumbprint,
        c.NotBefore,
        c.NotAfter,
        c.ProviderName,
        c.InstallPath,
    };
}
