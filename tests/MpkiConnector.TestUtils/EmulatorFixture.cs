using Xunit;

namespace MpkiConnector.TestUtils;

/// <summary>
/// An xunit fixture (<c>IClassFixture&lt;EmulatorFixture&gt;</c>) holding one <see cref="RunningEmulator"/> with the
/// default options for a test class. Tests that change knobs should restore them or use their own emulator.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private RunningEmulator? _running;

    /// <summary>The running emulator.</summary>
    public RunningEmulator Running => _running ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <inheritdoc />
    public async Task InitializeAsync() => _running = await RunningEmulator.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }
    }
}
