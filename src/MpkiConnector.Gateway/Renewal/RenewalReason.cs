namespace MpkiConnector.Gateway.Renewal;

/// <summary>Why a certificate is renewed.</summary>
public enum RenewalReason
{
    /// <summary>Within its overlap (<c>now &gt;= notAfter - overlap</c>).</summary>
    Due = 0,

    /// <summary>Revoked (in the store, or found revoked at the CA): renewed at once.</summary>
    Revoked,
}
