using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Diagnostics;
using MpkiConnector.Issuance;
using MpkiConnector.Sectigo;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.Storage.Sqlite.Diagnostics;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Observability.IntegrationTests;

/// <summary>
/// The connector wired as a user would (Sectigo account on the emulator, SQLite store, health checks), with an
/// <see cref="ActivityListener"/> and a <see cref="MeterListener"/> recording what the <c>MpkiConnector</c> sources emit.
/// </summary>
internal sealed class ObservedConnector : IAsyncDisposable
{
    private readonly ActivityListener _activityListener;
    private readonly MeterListener _meterListener;
    private readonly TempDirectory _temp = new("mpki-observe");

    public ObservedConnector(RunningEmulator emulator)
    {
        _activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MpkiActivitySources.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Activities.Enqueue,
        };
        ActivitySource.AddActivityListener(_activityListener);
        _meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "MpkiConnector")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            Measurements.Enqueue((instrument.Name, instrument.Unit, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        _meterListener.Start();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddMpkiConnector()
            .AddSectigo("scm", options =>
            {
                options.BaseUrl = emulator.BaseAddress;
                options.CustomerUri = emulator.CustomerUri;
                options.Login = emulator.Login;
                options.Password = emulator.Password;
                options.OrganizationId = RunningEmulator.DefaultOrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                options.CertificateType = RunningEmulator.DefaultProfileId.ToString(System.Globalization.CultureInfo.InvariantCulture);
                options.TermDays = 365;
            })
            .AddSqliteStore(_temp.File("mpki.db"))
            .ConfigureKeys(keys => keys.KeyEncryptionKey = KeyEncryptionKey.Generate());
        services.AddHealthChecks().AddMpkiConnector(o => o.ExpiryWarningDays = 10).AddMpkiSqliteStore();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public ServiceProvider Services { get; }

    public ConcurrentQueue<Activity> Activities { get; } = new();

    public ConcurrentQueue<(string Name, string? Unit, long Value, Dictionary<string, object?> Tags)> Measurements { get; } = new();

    public string DatabasePath => _temp.File("mpki.db");

    public Task<IssuanceResult> IssueAsync(string address) =>
        Services.GetRequiredService<IIssuanceService>().IssueAsync(new IssuanceRequest(address, "scm"));

    public async Task<IReadOnlyDictionary<string, HealthStatus>> HealthAsync()
    {
        var report = await Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        return report.Entries.ToDictionary(e => e.Key, e => e.Value.Status);
    }

    public async ValueTask DisposeAsync()
    {
        _activityListener.Dispose();
        _meterListener.Dispose();
        await Services.DisposeAsync();
        _temp.Dispose();
    }
}
