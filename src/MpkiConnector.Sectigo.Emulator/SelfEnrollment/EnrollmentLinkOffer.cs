namespace MpkiConnector.Sectigo.Emulator.SelfEnrollment;

/// <summary>What a person chose on the self-enrollment pages, to be turned into a one-time link.</summary>
/// <param name="CustomerUri">The customer whose CA issues.</param>
/// <param name="Kind"><c>smime</c> or <c>device</c>.</param>
/// <param name="Email">The person's e-mail address.</param>
/// <param name="DeviceName">The device name (device certificates only).</param>
/// <param name="OrgId">The web-form account's organisation.</param>
/// <param name="ProfileId">The chosen profile.</param>
/// <param name="Term">The chosen term in days.</param>
/// <param name="KeyType"><c>RSA-2048</c> or <c>EC-P256</c>.</param>
internal sealed record EnrollmentLinkOffer(
    string CustomerUri, string Kind, string Email, string? DeviceName, int OrgId, int ProfileId, int Term, string KeyType)
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }
}
