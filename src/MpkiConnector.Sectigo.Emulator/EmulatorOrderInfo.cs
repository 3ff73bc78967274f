namespace MpkiConnector.Sectigo.Emulator;

/// <summary>An order as the emulator holds it (for tests and the demo).</summary>
/// <param name="Id">Order number = backendCertId.</param>
/// <param name="CustomerUri">The customer.</param>
/// <param name="Login">The admin that placed it.</param>
/// <param name="Kind"><c>smime</c> or <c>device</c>.</param>
/// <param name="Email">The requested address.</param>
/// <param name="State">SCM state: requested, issued, revoked.</param>
/// <param name="Comments">The enroll <c>comments</c>.</param>
/// <param name="CollectCount">How often it was collected.</param>
/// <param name="SerialNumber">Serial (hex, no colons) once issued.</param>
/// <param name="CertificateDer">The certificate once issued.</param>
/// <param name="ReasonCode">Revocation reason code once revoked.</param>
public sealed record EmulatorOrderInfo(
    long Id,
    string CustomerUri,
    string Login,
    string Kind,
    string? Email,
    string State,
    string? Comments,
    long CollectCount,
    string? SerialNumber,
    byte[]? CertificateDer,
    long? ReasonCode);
