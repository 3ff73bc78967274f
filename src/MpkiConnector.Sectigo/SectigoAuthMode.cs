namespace MpkiConnector.Sectigo;

/// <summary>How the connector authenticates at Sectigo.</summary>
public enum SectigoAuthMode
{
    /// <summary>Classic REST API: <c>login</c>, <c>password</c> and <c>customerUri</c> headers.</summary>
    Password,

    /// <summary>Classic REST API with a TLS client certificate (<see cref="SectigoOptions.ClientCertificatePath"/>) under <c>/private/api</c>.</summary>
    ClientCertificate,

    /// <summary>
    /// Admin Operations API: an OAuth2 access token from the client-credentials flow (<see cref="SectigoOptions.ClientId"/>,
    /// <see cref="SectigoOptions.ClientSecret"/>, <see cref="SectigoOptions.TokenUrl"/>), sent as <c>Authorization: Bearer</c>.
    /// </summary>
    OAuth2,
}
