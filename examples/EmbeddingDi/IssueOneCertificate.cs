using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.Sectigo;
using MpkiConnector.Storage;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Examples.EmbeddingDi;

/// <summary>The example: register the connector with DI, look at the account, issue one certificate through the lifecycle service.</summary>
public static class IssueOneCertificate
{
    /// <summary>
    /// Issues one certificate for <paramref name="email"/> through the account <c>Providers:emulator</c> of
    /// <paramref name="configuration"/>, keeping the key (encrypted) and the certificate in the SQLite store at
    /// <paramref name="databasePath"/>.
    /// </summary>
    public static async Task<CertificateRecord> RunAsync(IConfiguration configuration, string databasePath, string email, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(log);

        // <register>
        // 1. Register: the core (keys, CSRs, validation, the journaled issuance), one named Sectigo account bound
        //    from configuration, and a store. The key-encryption key comes from MpkiKeyOptions (here: configuration).
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMpkiConnector()
            .AddSectigo("emulator", configuration.GetSection("Providers:emulator"))
            .AddSqliteStore(databasePath);
        services.Configure<MpkiKeyOptions>(configuration.GetSection("Keys"));
        await using var serviceProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        // </register>

        // 2. The account: what it offers (organisations, certificate types with terms and key types).
        var ca = serviceProvider.GetRequiredService<IMpkiProviderCatalog>().Get("emulator");
        var account = await ca.DiscoverAsync(cancellationToken).ConfigureAwait(false);
        foreach (var organization in account.Organizations)
        {
            await log.WriteLineAsync($"organisation {organization.Id}: {organization.Name}").ConfigureAwait(false);
        }

        foreach (var type in account.CertificateTypes)
        {
            await log.WriteLineAsync($"certificate type {type.Id}: {type.Name} (terms: {string.Join(", ", type.TermsDays)} days)").ConfigureAwait(false);
        }

        // <issue>
        // 3. Issue: a new key (sealed in the store), a CSR, the order journaled before it is sent, collected, the
        //    certificate checked (same public key, address in the SAN, e-mail protection) and stored as active.
        //    "Pending" is a result, not an error: ask again later and the same journaled order is continued.
        var issuance = serviceProvider.GetRequiredService<IIssuanceService>();
        var request = new IssuanceRequest(email, "emulator") { DisplayName = "Jane Doe", KeyAlgorithm = MpkiKeyAlgorithm.Rsa2048 };
        for (var attempt = 1; ; attempt++)
        {
            switch (await issuance.IssueAsync(request, cancellationToken).ConfigureAwait(false))
            {
                case IssuanceResult.Issued issued:
                    var certificate = issued.Certificate;
                    await log.WriteLineAsync($"issued for {certificate.Address}: serial {certificate.SerialNumber}, valid until {certificate.NotAfter:yyyy-MM-dd}, CA order {certificate.ProviderOrderId}").ConfigureAwait(false);
                    return certificate;

                case IssuanceResult.Pending pending when attempt < 30:
                    await log.WriteLineAsync($"pending at the CA ({pending.Status}); order {pending.OrderId}").ConfigureAwait(false);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
                    break;

                case IssuanceResult.Failed failed:
                    throw new MpkiException(failed.Kind, $"Issuance failed: {failed.Reason}");

                default:
                    throw new MpkiException(MpkiErrorKind.Unavailable, "The CA did not issue in time; run again to continue the same order.");
            }
        }
        // </issue>
    }
}
