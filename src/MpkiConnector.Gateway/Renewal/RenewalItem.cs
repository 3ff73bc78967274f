namespace MpkiConnector.Gateway.Renewal;

/// <summary>One certificate due for renewal.</summary>
/// <param name="Address">Its address.</param>
/// <param name="SerialNumber">Its serial number.</param>
/// <param name="NotAfter">Its end of validity.</param>
/// <param name="Reason">Why it is renewed.</param>
/// <param name="Result">What happened.</param>
/// <param name="Detail">More words (the error, the new serial number...).</param>
public sealed record RenewalItem(string Address, string SerialNumber, DateTimeOffset NotAfter, RenewalReason Reason, RenewalResult Result, string? Detail);
