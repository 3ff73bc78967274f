namespace MpkiConnector.Testing;

/// <summary>The checks of <see cref="ProviderConformance"/>, in the order <see cref="ProviderConformance.RunAllAsync"/> runs them.</summary>
public enum ConformanceCheck
{
    /// <summary>Discovery reports at least one organisation and one certificate type (and the configured type and term, when set).</summary>
    Discover = 0,

    /// <summary>A submit returns an order with an id and the request's correlation id.</summary>
    Submit,

    /// <summary>After <see cref="ProviderConformanceOptions.Pending"/> is arranged, the first collect is pending and a later one issues.</summary>
    Pending,

    /// <summary>An order issues within the collect bound; the certificate passes <see cref="CertificateValidator"/>; a second collect returns it again.</summary>
    Issued,

    /// <summary>The request of <see cref="ProviderConformanceOptions.Rejection"/> is refused: a non-transient <see cref="MpkiException"/> or a rejected collect.</summary>
    Rejected,

    /// <summary>When the provider can revoke: an issued certificate is revoked by order id and a later collect answers rejected.</summary>
    Revoke,

    /// <summary>When the provider can find orders: after a submit whose answer was lost, <see cref="IMpkiProvider.FindOrderAsync"/> finds that order.</summary>
    FindOrderAfterLostAnswer,

    /// <summary>A wrong certificate (another key, another address) is refused by <see cref="CertificateValidator"/>.</summary>
    WrongCertificateCaught,

    /// <summary>Every algorithm of <see cref="ProviderConformanceOptions.KeyAlgorithms"/> (default P-256 and RSA-2048) issues a valid certificate.</summary>
    KeyAlgorithms,
}
