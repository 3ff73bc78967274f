namespace MpkiConnector.Sectigo.Tests;

/// <summary>Options for the emulator's default account in each authentication mode.</summary>
internal static class SectigoAuthModes
{
    public const string ClientId = "operator-client";
    public const string ClientSecret = "operator-secret";

    public static void UseOAuth2(SectigoOptions options, Uri emulator)
    {
        options.Auth = SectigoAuthMode.OAuth2;
        options.ClientId = ClientId;
        options.ClientSecret = ClientSecret;
        options.TokenUrl = new Uri(emulator, "auth/realms/apiclients/protocol/openid-connect/token");
        options.Password = null;
    }
}
