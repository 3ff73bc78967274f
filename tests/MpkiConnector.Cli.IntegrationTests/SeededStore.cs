using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MpkiConnector.LocalCa;
using MpkiConnector.Storage;
using MpkiConnector.Storage.Sqlite;

namespace MpkiConnector.Cli.Tests;

/// <summary>A store with certificates issued by a local CA, for the commands that read the store.</summary>
internal static class SeededStore
{
    public static async Task<LocalCertificateAuthority> CreateAsync(string databasePath, params (string Address, int TermDays)[] certificates)
    {
        var ca = LocalCertificateAuthority.Create("Cli Test");
        using var store = await SqliteMpkiStore.OpenAsync(databasePath);
        foreach (var (address, term) in certificates)
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var csr = new CertificateRequest($"CN={address}", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();
            using var issued = ca.Issue(new LocalIssueRequest(csr, address, term) { Email = address });
            await store.SaveCertificateAsync(new CertificateRecord
            {
                Id = Guid.NewGuid().ToString("N"),
                Address = address,
                SerialNumber = issued.SerialNumber,
                Issuer = issued.Issuer,
                Subject = issued.Subject,
                Thumbprint = Convert.ToHexString(issued.GetCertHash(HashAlgorithmName.SHA256)),
                NotBefore = issued.NotBefore.ToUniversalTime(),
                NotAfter = issued.NotAfter.ToUniversalTime(),
                Der = issued.RawData,
                Chain = ca.ChainDer,
                Status = CertificateStatus.Active,
                KeyId = "key-" + address,
                ProviderName = "emulator",
                ProviderOrderId = "1001",
                CreatedAt = DateTimeOffset.UtcNow,
            });
        }

        return ca;
    }
}
