using System.Text.Json;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Cli.Tests;

/// <summary><c>mpki certs list</c> over more certificates than one page of the store: every one, once, in the listing's order.</summary>
public sealed class CertsListPagingTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly ProviderPasswordScope _password = new("not-used-for-reading");
    private readonly string _config;

    public CertsListPagingTests()
    {
        _config = GatewayConfigFile.Write(_folder, GatewayConfigFile.Sample(_folder));
    }

    public void Dispose()
    {
        _password.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public async Task CertsList_MoreThanTwoPages_ListsEveryCertificateOnceInOrder()
    {
        const int Count = (2 * Handlers.CertsHandlers.PageSize) + 7;
        IReadOnlyList<string> expected;
        using (var store = await SqliteMpkiStore.OpenAsync(_folder.Combine("mpki.db")))
        {
            for (var i = 0; i < Count; i++)
            {
                await store.SaveCertificateAsync(TestRecords.Certificate($"s{i:D5}@example.org"));
            }

            expected = (await store.ListCertificatesAsync(new Storage.CertificateQuery())).Select(c => c.Id).ToList();
        }

        var json = await CliRunner.RunAsync("certs", "list", "--json", "--config", _config);
        var table = await CliRunner.RunAsync("certs", "list", "--config", _config);

        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Output);
        Assert.Equal(expected, document.RootElement.EnumerateArray().Select(e => e.GetProperty("id").GetString()!));
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains($"{Count} certificate(s)", table.Output, StringComparison.Ordinal);
        Assert.Contains("s01006@example.org", table.Output, StringComparison.Ordinal);
    }
}
