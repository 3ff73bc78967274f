using Microsoft.Extensions.Diagnostics.HealthChecks;
using MpkiConnector.Diagnostics;
using MpkiConnector.Issuance;
using MpkiConnector.Storage.Sqlite.Diagnostics;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Observability.IntegrationTests;

/// <summary>Traces, metrics and health of the connector through the standard .NET listeners, against the emulator.</summary>
public sealed class ObservabilityTests
{
    [Fact]
    public async Task IssueAsync_WithListeners_RecordsStepsProviderCallsAndOrderMetrics()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var connector = new ObservedConnector(emulator);

        Assert.IsType<IssuanceResult.Issued>(await connector.IssueAsync("jane.doe@example.com"));

        var names = connector.Activities.Select(a => a.OperationName).ToList();
        foreach (var expected in new[] { "mpki.issue", "mpki.issue.prepare", "mpki.provider.submit", "mpki.provider.collect", "mpki.issue.complete" })
        {
            Assert.Contains(expected, names);
        }

        var issue = connector.Activities.Single(a => a.OperationName == "mpki.issue");
        Assert.All(connector.Activities.Where(a => a.OperationName != "mpki.issue"), a => Assert.Equal(issue.TraceId, a.TraceId));
        Assert.Equal("scm", connector.Activities.First(a => a.OperationName == "mpki.provider.submit").GetTagItem("mpki.provider"));
        var issued = Assert.Single(connector.Measurements, m => m.Name == "mpki.orders.issued");
        Assert.Equal(("{order}", 1L, "scm"), (issued.Unit, issued.Value, issued.Tags["provider"]));
        Assert.Single(connector.Measurements, m => m.Name == "mpki.orders.submitted");
    }

    [Fact]
    public async Task ProviderCall_PasswordRefused_ActivityCarriesVendorCodeAndHealthFlips()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var connector = new ObservedConnector(emulator);
        var before = await connector.HealthAsync();
        Assert.Equal(HealthStatus.Healthy, before[MpkiHealthChecksBuilderExtensions.ProvidersCheckName]);
        Assert.Equal(HealthStatus.Healthy, before[SqliteHealthChecksBuilderExtensions.StoreCheckName]);

        emulator.Emulator.Account(emulator.CustomerUri, emulator.Login).Password = "changed-by-the-operator";
        var after = await connector.HealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, after[MpkiHealthChecksBuilderExtensions.ProvidersCheckName]);
        var failed = connector.Activities.Last(a => a.OperationName == "mpki.provider.discover");
        Assert.Equal(System.Diagnostics.ActivityStatusCode.Error, failed.Status);
        Assert.Equal(nameof(MpkiErrorKind.Authentication), failed.GetTagItem("mpki.error.kind"));
        Assert.NotNull(failed.GetTagItem("mpki.vendor.code"));
    }

    [Fact]
    public async Task CertificateExpiryCheck_CertificateNearExpiryWithoutRenewal_Unhealthy()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var connector = new ObservedConnector(emulator);
        Assert.IsType<IssuanceResult.Issued>(await connector.IssueAsync("jane.doe@example.com"));
        Assert.Equal(HealthStatus.Healthy, (await connector.HealthAsync())[MpkiHealthChecksBuilderExtensions.CertificateExpiryCheckName]);

        connector.Time.Advance(TimeSpan.FromDays(360));

        Assert.Equal(HealthStatus.Unhealthy, (await connector.HealthAsync())[MpkiHealthChecksBuilderExtensions.CertificateExpiryCheckName]);
    }

    [Fact]
    public async Task StoreCheck_DatabaseNoLongerOpensReadWrite_Unhealthy()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        await using var connector = new ObservedConnector(emulator);
        Assert.Equal(HealthStatus.Healthy, (await connector.HealthAsync())[SqliteHealthChecksBuilderExtensions.StoreCheckName]);

        File.Delete(connector.DatabasePath);
        Directory.CreateDirectory(connector.DatabasePath);

        Assert.Equal(HealthStatus.Unhealthy, (await connector.HealthAsync())[SqliteHealthChecksBuilderExtensions.StoreCheckName]);
    }
}
