namespace MpkiConnector.Sectigo;

/// <summary>What to send as first and last name (both are required by SCM) when a sender has no usable display name.</summary>
public enum SectigoMissingDisplayNamePolicy
{
    /// <summary>
    /// Use the address's local part: <c>jane.doe@</c> becomes first name <c>jane</c>, last name <c>doe</c>
    /// (split at the first <c>.</c>, <c>_</c> or <c>-</c>); a local part without a separator is used for both.
    /// </summary>
    LocalPart = 0,

    /// <summary>Use the address: first name = the local part, last name = the domain.</summary>
    Address,

    /// <summary>Refuse the enrollment (<see cref="MpkiErrorKind.InvalidRequest"/>): a display name is required.</summary>
    Reject,
}
