namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>Named variants of the "not ready yet" collect answer (HTTP 400 in every source).</summary>
public enum PendingAnswerPreset
{
    /// <summary><c>0</c> "Being processed by Sectigo": observed by production clients (hm-edu pki-portal, osg-pki-tools); the default.</summary>
    BeingProcessed,

    /// <summary><c>-183</c> "Certificate is not collectable.": python-cert_manager's PendingError.</summary>
    NotCollectable,

    /// <summary><c>-1400</c> "The request is being processed by Sectigo.": reference 25.5.</summary>
    RequestInProcess,

    /// <summary><c>-109</c> "Certificate is not available now, please try again later.": reference 25.5.</summary>
    NotAvailableNow,

    /// <summary><c>-103</c> "Certificate has not been collected yet.": reference 25.5.</summary>
    NotCollectedYet,
}
