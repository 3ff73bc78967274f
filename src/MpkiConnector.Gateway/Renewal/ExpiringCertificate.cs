namespace MpkiConnector.Gateway.Renewal;

/// <summary>A certificate close to its end without a successful renewal.</summary>
/// <param name="Address">Its address.</param>
/// <param name="SerialNumber">Its serial number.</param>
/// <param name="NotAfter">Its end of validity.</param>
public sealed record ExpiringCertificate(string Address, string SerialNumber, DateTimeOffset NotAfter);
