using System.Security.Cryptography;
using MpkiConnector.Storage;

namespace MpkiConnector.TestUtils;

/// <summary>Builds store records for tests; the bytes are random (the store does not parse them).</summary>
public static class TestRecords
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static OrderRecord Order(string address, string? id = null, OrderState state = OrderState.Intent) => new()
    {
        Id = id ?? Guid.NewGuid().ToString(),
        Address = address,
        Kind = MpkiCertificateKind.Person,
        ProviderName = "dfn",
        KeyId = "key-" + Guid.NewGuid().ToString("N"),
        CsrPem = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n",
        State = state,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    public static CertificateRecord Certificate(
        string address,
        DateTimeOffset? notAfter = null,
        CertificateStatus status = CertificateStatus.Active,
        string? serial = null,
        string provider = "dfn") => new()
        {
            Id = Guid.NewGuid().ToString(),
            Address = address,
            Kind = MpkiCertificateKind.Person,
            SerialNumber = serial ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
            Issuer = "CN=Test Issuing CA, O=Test",
            Subject = $"CN={address}, E={address}",
            Thumbprint = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            NotBefore = Now.AddDays(-1),
            NotAfter = notAfter ?? Now.AddDays(365),
            Der = RandomNumberGenerator.GetBytes(600),
            Chain = [RandomNumberGenerator.GetBytes(500), RandomNumberGenerator.GetBytes(400)],
            Status = status,
            KeyId = "key-" + Guid.NewGuid().ToString("N"),
            ProviderName = provider,
            ProviderOrderId = "ca-" + Guid.NewGuid().ToString("N")[..8],
            CreatedAt = Now,
        };
}
