using MpkiConnector.TestUtils;

namespace MpkiConnector.Sectigo.Tests;

/// <summary>Starts a fresh SCM emulator (127.0.0.1, port 0) per test, with a collecting logger.</summary>
public abstract class SectigoEmulatorTestBase : IAsyncLifetime
{
    private RunningEmulator? _emulator;

    protected RunningEmulator Emulator => _emulator ?? throw new InvalidOperationException("not started");

    internal CollectingLoggerProvider Logs { get; } = new();

    public virtual async Task InitializeAsync() => _emulator = await RunningEmulator.StartAsync();

    public virtual async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }

    /// <summary>An account on the emulator's default customer with type 2001 and term 365 unless changed.</summary>
    internal Microsoft.Extensions.DependencyInjection.ServiceProvider Services(Action<SectigoOptions>? configure = null) =>
        SectigoTestHost.Build(Emulator.BaseAddress, o =>
        {
            o.CertificateType = "Emulator S/MIME";
            o.TermDays = 365;
            ConfigureAuth(o);
            configure?.Invoke(o);
        }, Logs);

    /// <summary>The authentication of the suite: Password by default; subclasses run the same tests in another mode.</summary>
    protected virtual void ConfigureAuth(SectigoOptions options)
    {
    }

    protected static MpkiEnrollmentRequest Request(string email, string csrPem, string? displayName = "Jane Doe") =>
        new(Guid.NewGuid().ToString("N"), csrPem, MpkiCertificateKind.Person, email) { DisplayName = displayName };

    protected Task<long> OrderCountAsync() => Emulator.Emulator.CountOrdersAsync(Emulator.CustomerUri);
}
