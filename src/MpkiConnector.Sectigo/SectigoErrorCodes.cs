namespace MpkiConnector.Sectigo;

/// <summary>SCM error codes the connector acts on (see the SCM REST reference, section 9).</summary>
internal static class SectigoErrorCodes
{
    public const int BeingProcessed = 0;
    public const int UnknownUser = -16;
    public const int IncorrectLogin = -970;
    public const int CustomerNotFound = -410;
    public const int TermInvalid = -36;
    public const int ProfileIdInvalid = -39;
    public const int ProfileIdInvalid2 = -111;
    public const int MandatoryCustomField = -62;
    public const int NotCollectable = -183;
    public const int RequestBeingProcessed = -1400;
    public const int NotAvailableNow = -109;
    public const int NotCollectedYet = -103;
    public const int Revoked = -110;
    public const int RevokedPcm = -192;
    public const int PersonNotFound = -105;
    public const int ProfileInvalid = -172;
    public const int NoProfile = -184;
    public const int NoTerms = -185;
    public const int PerPersonLimit = -188;
    public const int CaUnavailable = -195;

    /// <summary>Every documented "not ready yet" answer of a collect (HTTP 400).</summary>
    public static bool IsPending(int code) =>
        code is BeingProcessed or NotCollectable or RequestBeingProcessed or NotAvailableNow or NotCollectedYet;

    /// <summary>The "revoked, cannot download" answers of a collect.</summary>
    public static bool IsRevoked(int code) => code is Revoked or RevokedPcm;
}
