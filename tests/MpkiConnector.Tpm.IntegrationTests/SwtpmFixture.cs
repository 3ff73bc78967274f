using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

/// <summary>One swtpm per test class, on a free loopback port with a temp state folder; killed by pid at the end.</summary>
public sealed class SwtpmFixture : IAsyncLifetime
{
    public SoftwareTpm Tpm { get; private set; } = null!;

    public async Task InitializeAsync() => Tpm = await SoftwareTpm.StartAsync();

    public async Task DisposeAsync() => await Tpm.DisposeAsync();
}
