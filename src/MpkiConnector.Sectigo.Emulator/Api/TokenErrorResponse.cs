using System.Text.Json.Serialization;

namespace MpkiConnector.Sectigo.Emulator.Api;

/// <summary>The token endpoint's error (RFC 6749 section 5.2), with SCM's <c>code</c> and <c>description</c> beside it.</summary>
internal sealed record TokenErrorResponse(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string ErrorDescription,
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description);
