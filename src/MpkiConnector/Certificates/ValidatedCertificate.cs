namespace MpkiConnector;

/// <summary>A certificate returned by a CA that passed <see cref="CertificateValidator"/>, with its chain.</summary>
public sealed record ValidatedCertificate
{
    /// <summary>The certificate, DER.</summary>
    public required byte[] CertificateDer { get; init; }

    /// <summary>The chain, DER, issuer first, as the CA returned it (each element parsed).</summary>
    public required IReadOnlyList<byte[]> ChainDer { get; init; }

    /// <summary>Serial number, upper-case hex.</summary>
    public required string SerialNumber { get; init; }

    /// <summary>Issuer distinguished name.</summary>
    public required string Issuer { get; init; }

    /// <summary>Subject distinguished name.</summary>
    public required string Subject { get; init; }

    /// <summary>SHA-256 thumbprint, upper-case hex.</summary>
    public required string Thumbprint { get; init; }

    /// <summary>Start of validity.</summary>
    public DateTimeOffset NotBefore { get; init; }

    /// <summary>End of validity.</summary>
    public DateTimeOffset NotAfter { get; init; }
}
