using Microsoft.Extensions.DependencyInjection;
using MpkiConnector.DependencyInjection;
using MpkiConnector.Issuance;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

/// <summary>
/// One "process": a container with the TPM enrollment over a real SQLite file, a swtpm and a CA that outlives it,
/// optionally crashing at one step (<see cref="CrashingStoreFake{TStore}"/>, <see cref="CrashingProviderFake"/>).
/// Issuance never waits in one call (<see cref="IssuanceOptions.MaxWait"/> zero): a pending CA answer is a result.
/// </summary>
internal sealed class TpmProcess : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public TpmProcess(string databasePath, SoftwareTpm tpm, IMpkiProvider ca, TimeProvider time, string? installDirectory = null, CrashPoint crash = CrashPoint.None)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        CrashingStoreFake<SqliteMpkiStore>.Register(services, crash);
        services.AddMpkiConnector()
            .AddSqliteStore(databasePath)
            .ConfigureKeys(o => o.KeyEncryptionKey = KeyEncryptionKey.Generate()) // the issuance service also holds the software key provider
            .ConfigureIssuance(o => o.MaxWait = TimeSpan.Zero)
            .AddProvider(ca.Name, (_, _) => new CrashingProviderFake(ca, crash))
            .AddTpmKeys(o =>
            {
                o.Tcti = tpm.Tcti;
                o.InstallDirectory = installDirectory;
                TpmTestFactory.AllowRsa4096(o);
            });
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public TpmEnrollmentService Enrollment => _services.GetRequiredService<TpmEnrollmentService>();

    public TpmVerification Verification => _services.GetRequiredService<TpmVerification>();

    public IIssuanceService Issuance => _services.GetRequiredService<IIssuanceService>();

    public SqliteMpkiStore Store => _services.GetRequiredService<SqliteMpkiStore>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
