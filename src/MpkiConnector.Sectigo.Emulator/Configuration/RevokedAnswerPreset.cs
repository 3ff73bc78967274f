namespace MpkiConnector.Sectigo.Emulator.Configuration;

/// <summary>Named variants of the collect answer for a revoked certificate (HTTP 400).</summary>
public enum RevokedAnswerPreset
{
    /// <summary><c>-110</c> "Certificate has been revoked and cannot be downloaded.": reference 25.5; the default.</summary>
    Documented,

    /// <summary><c>-192</c> "The Certificate has been revoked!": python-cert_manager's RevokedError.</summary>
    PythonCertManager,
}
