namespace MpkiConnector;

/// <summary>What an <see cref="IMpkiProvider"/> can do beyond submit and collect.</summary>
[Flags]
public enum MpkiCapabilities
{
    /// <summary>Submit and collect only.</summary>
    None = 0,

    /// <summary>Certificates can be revoked.</summary>
    Revoke = 1,

    /// <summary>An order lost in transit can be found again (<see cref="IMpkiProvider.FindOrderAsync"/>).</summary>
    FindOrder = 2,

    /// <summary>The CA keeps person records and creates or updates them before an enrollment.</summary>
    PersonRecords = 4,

    /// <summary>Device certificates (a device name instead of an e-mail address) can be enrolled.</summary>
    DeviceCertificates = 8,
}
