namespace MpkiConnector.Testing;

/// <summary>A provider broke the contract in one conformance check; the message says which check and how.</summary>
public sealed class ProviderConformanceException : Exception
{
    /// <summary>Creates the exception for a failed check.</summary>
    public ProviderConformanceException(ConformanceCheck check, string message, Exception? innerException = null)
        : base($"{check}: {message}", innerException)
    {
        Check = check;
        Reason = message;
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public ProviderConformanceException()
        : base("A provider broke the contract.")
    {
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public ProviderConformanceException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception (for serializers and tools).</summary>
    public ProviderConformanceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal ProviderConformanceException(ConformanceCheck firstFailed, string message, AggregateException innerExceptions)
        : base(message, innerExceptions)
    {
        Check = firstFailed;
    }

    /// <summary>The check that failed (the first one, when several did).</summary>
    public ConformanceCheck Check { get; }

    /// <summary>The message without the check's name.</summary>
    internal string? Reason { get; }
}
