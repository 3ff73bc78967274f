namespace MpkiConnector.TestUtils;

/// <summary>Where a simulated process crash interrupts an issuance.</summary>
public enum CrashPoint
{
    None,
    AfterKeySaved,
    AfterIntentJournaled,
    AfterSubmitAttemptJournaled,
    AfterSubmitAcceptedAtCa,
    AfterSubmittedJournaled,
    AfterCollectIssued,
    BeforeCompleteIssuance,
    AfterCompleteIssuance,
}
