using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Sectigo.Emulator.Issuance;

/// <summary>The outcome of checking a CSR: either an SCM error or the normalised PEM, the parsed request and its key type.</summary>
internal sealed record CsrCheck(string? Pem, CertificateRequest? Request, string? KeyType, int ErrorCode, string? ErrorDescription)
{
    public bool Ok => ErrorCode == 0;

    public static CsrCheck Fail(int code, string description) => new(null, null, null, code, description);
}
