using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using MpkiConnector.Cli.Handlers;
using MpkiConnector.Cli.Infrastructure;
using MpkiConnector.Gateway;
using MpkiConnector.Sectigo.Emulator;

namespace MpkiConnector.Cli.Demo;

/// <summary>
/// The demo: the SCM emulator in-process, a store and key-encryption key under the data folder, the gateway over
/// examples/mail plus inbound signed mail from a partner. A second run reuses the store and the emulator's data:
/// no new orders.
/// </summary>
internal sealed class DemoRunner(CommandContext context, DemoOptions options)
{
    public async Task<DemoSummary> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var layout = DemoLayout.Prepare(options.DataFolder);
        var keyCreated = EnsureKeyEncryptionKey(layout.KeyFile);
        var corpus = Directory.GetFiles(options.MailFolder, "*.eml").Order(StringComparer.Ordinal).ToArray();
        if (corpus.Length == 0)
        {
            throw CliException.NotFound($"no .eml messages in '{options.MailFolder}'");
        }

        // The emulator: its built-in account, with a password made for this run (it is never printed).
        var emulatorOptions = ScmEmulatorOptions.CreateDefault(layout.Emulator);
        emulatorOptions.Urls = ["http://127.0.0.1:0"];
        var customer = emulatorOptions.Customers[0];
        var account = customer.Accounts[0];
        account.Password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
        context.Redactor.Add(account.Password);
        await using var emulator = await ScmEmulator.StartAsync(emulatorOptions, cancellationToken).ConfigureAwait(false);
        var ordersBefore = await emulator.CountOrdersAsync(customer.CustomerUri, cancellationToken).ConfigureAwait(false);

        var providerName = FindEmulatorAccount(context.Configuration);
        var managedDomains = context.Configuration.GetSection("Domains").GetChildren()
            .Select(d => d["Domain"]).OfType<string>().ToArray();
        Say($"mpki demo: data in {layout.Root} (store, key-encryption key{(keyCreated ? " (new)" : string.Empty)}: mode 0600)");
        Say($"  SCM emulator on {emulator.BaseAddress} (customer {customer.CustomerUri}, login {account.Login}); orders so far: {ordersBefore}");
        Say($"  managed domains: {string.Join(", ", managedDomains)} -> provider account '{providerName}'");

        await using var gateway = await GatewayFactory.CreateWithKeysAsync(context, LogLevel.None, build =>
        {
            build.Overrides[$"Providers:{providerName}:BaseUrl"] = emulator.BaseAddress.ToString();
            build.Overrides[$"Providers:{providerName}:CustomerUri"] = customer.CustomerUri;
            build.Overrides[$"Providers:{providerName}:Login"] = account.Login;
            build.Overrides[$"Providers:{providerName}:Password"] = account.Password;
            build.Overrides["KeyEncryptionKey"] = "file:" + layout.KeyFile;
            build.Overrides["Store:Path"] = layout.Database;
            build.Overrides["Folders:Spool"] = layout.Spool;
            build.Overrides["Folders:Outbox"] = layout.Outbox;
            build.Overrides["Folders:Deferred"] = layout.Deferred;
            build.Overrides["Folders:Rejected"] = layout.Rejected;
            build.Overrides["FirstMail:Policy"] = "Hold";
            build.Overrides["FirstMail:HoldTimeout"] = "00:01:00";
            build.Overrides["PluginsFolder"] = null;
        }).ConfigureAwait(false);

        // Pass 1: signed mail from partners, so that their certificates are harvested.
        var managedRecipients = managedDomains.Select(d => "anna.adler@" + d).ToArray();
        var inbound = PartnerMailGenerator.Write(layout.Spool, managedRecipients.Length == 0 ? ["postmaster@example.com"] : managedRecipients, TimeProvider.System);
        Say($"  pass 1: {inbound.Count} signed messages from partner.example (throwaway partner CA)");
        var first = await gateway.ProcessOnceAsync(layout.Spool, layout.Outbox, cancellationToken).ConfigureAwait(false);

        // Pass 2: the corpus. Mail to the partners is now encrypted as well as signed.
        foreach (var file in corpus)
        {
            File.Copy(file, Path.Combine(layout.Spool, Path.GetFileName(file)), overwrite: true);
        }

        Say($"  pass 2: {corpus.Length} messages from {options.MailFolder}");
        var second = await CliProgress.RunAsync(
            context.Io,
            options.Json,
            "messages",
            corpus.Length,
            () => corpus.Length - SpoolFiles.Count(layout.Spool),
            () => gateway.ProcessOnceAsync(layout.Spool, layout.Outbox, cancellationToken)).ConfigureAwait(false);

        var ordersAfter = await emulator.CountOrdersAsync(customer.CustomerUri, cancellationToken).ConfigureAwait(false);
        var certificates = await gateway.Certificates.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var summary = new DemoSummary
        {
            Succeeded = first.Processed + second.Processed == inbound.Count + corpus.Length,
            InputMessages = corpus.Length,
            InboundSignedMessages = inbound.Count,
            OrdersBefore = ordersBefore,
            OrdersAfter = ordersAfter,
            CertificatesIssued = first.Issued + second.Issued,
            CertificatesInStore = certificates.Count,
            Processed = first.Processed + second.Processed,
            Signed = first.Signed + second.Signed,
            Encrypted = first.Encrypted + second.Encrypted,
            Deferred = first.Deferred + second.Deferred,
            PassedUnsigned = first.PassedUnsigned + second.PassedUnsigned,
            PassedThrough = first.PassedThrough + second.PassedThrough,
            Rejected = first.Rejected + second.Rejected,
            Harvested = first.Harvested + second.Harvested,
            DataFolder = layout.Root,
            Outbox = layout.Outbox,
            DeferredFolder = layout.Deferred,
            RejectedFolder = layout.Rejected,
            EmulatorRoot = Path.Combine(layout.Emulator, "ca-root.pem"),
            Rejections = DemoLayout.ReadRejections(layout.Rejected),
            Seconds = Math.Round(Stopwatch.GetElapsedTime(started).TotalSeconds, 1),
        };

        if (options.Json)
        {
            JsonOutput.Write(context, summary);
        }
        else
        {
            DemoReport.Print(context, summary, first, second);
        }

        return summary;
    }

    private void Say(string line)
    {
        if (!options.Json)
        {
            context.WriteLine(line);
        }
    }

    private static bool EnsureKeyEncryptionKey(string path)
    {
        if (File.Exists(path))
        {
            return false;
        }

        PrivateFiles.WriteAllText(path, KeyEncryptionKey.Generate());
        return true;
    }

    private static string FindEmulatorAccount(IConfiguration configuration)
    {
        var accounts = configuration.GetSection("Providers").GetChildren().ToArray();
        var emulator = accounts.FirstOrDefault(a => string.Equals(a["Type"], "emulator", StringComparison.OrdinalIgnoreCase));
        return emulator?.Key ?? throw CliException.Configuration(
            string.Create(CultureInfo.InvariantCulture, $"the demo needs a provider account of Type \"emulator\" in the configuration (found: {(accounts.Length == 0 ? "none" : string.Join(", ", accounts.Select(a => $"{a.Key} ({a["Type"]})")))})"));
    }
}
