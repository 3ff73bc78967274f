namespace MpkiConnector.Sectigo.Tests;

/// <summary>The provider's emulator suite over the Admin Operations API: OAuth2 client credentials, v2 paths.</summary>
public sealed class SectigoProviderEmulatorOAuth2Tests : SectigoProviderEmulatorTests
{
    protected override void ConfigureAuth(SectigoOptions options) => SectigoAuthModes.UseOAuth2(options, Emulator.BaseAddress);
}
