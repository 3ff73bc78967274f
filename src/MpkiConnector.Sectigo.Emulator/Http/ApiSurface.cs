namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>Which of Sectigo's two API surfaces a request used, told by its authentication.</summary>
internal enum ApiSurface
{
    /// <summary>The classic REST API (reference 25.5): <c>login</c>/<c>password</c>/<c>customerUri</c> headers, or a client certificate under <c>/private</c>.</summary>
    Classic,

    /// <summary>The Admin Operations API (OpenAPI 25.9.2): an OAuth2 bearer token from the client-credentials flow.</summary>
    Admin,
}
