namespace MpkiConnector.Gateway.Engine;

/// <summary>Thread-safe counts of one run.</summary>
internal sealed class RunCounters
{
    private int _processed;
    private int _signed;
    private int _encrypted;
    private int _deferred;
    private int _passedUnsigned;
    private int _passedThrough;
    private int _rejected;
    private int _decrypted;
    private int _harvested;

    public void Add(MessageOutcome outcome)
    {
        if (outcome.Kind == MessageOutcomeKind.Skipped)
        {
            return;
        }

        Interlocked.Increment(ref _processed);
        switch (outcome.Kind)
        {
            case MessageOutcomeKind.Signed:
                Interlocked.Increment(ref _signed);
                if (outcome.Encrypted)
                {
                    Interlocked.Increment(ref _encrypted);
                }

                break;
            case MessageOutcomeKind.Deferred:
                Interlocked.Increment(ref _deferred);
                break;
            case MessageOutcomeKind.PassedUnsigned:
                Interlocked.Increment(ref _passedUnsigned);
                break;
            case MessageOutcomeKind.PassedThrough:
                Interlocked.Increment(ref _passedThrough);
                break;
            case MessageOutcomeKind.Rejected:
                Interlocked.Increment(ref _rejected);
                break;
        }

        if (outcome.Decrypted)
        {
            Interlocked.Increment(ref _decrypted);
        }

        if (outcome.Harvested > 0)
        {
            Interlocked.Add(ref _harvested, outcome.Harvested);
        }
    }

    public GatewayRunSummary ToSummary(int issued) => new()
    {
        Processed = _processed,
        Issued = issued,
        Signed = _signed,
        Encrypted = _encrypted,
        Deferred = _deferred,
        PassedUnsigned = _passedUnsigned,
        PassedThrough = _passedThrough,
        Rejected = _rejected,
        Decrypted = _decrypted,
        Harvested = _harvested,
    };
}
