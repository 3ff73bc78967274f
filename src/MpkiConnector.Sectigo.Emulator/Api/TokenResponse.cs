using System.Text.Json.Serialization;

namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>The token endpoint's answer (RFC 6749 section 5.1).</summary>
internal sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("scope")] string Scope);
