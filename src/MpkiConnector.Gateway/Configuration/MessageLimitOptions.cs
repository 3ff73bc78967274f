namespace MpkiConnector.Gateway.Configuration;

/// <summary>Bounds on one message, so that a hostile or broken message is rejected with a reason instead of stalling the run.</summary>
public sealed class MessageLimitOptions
{
    /// <summary>The largest message file, in bytes (default 50 MB); a larger one goes to the rejected folder unread.</summary>
    public long MaxMessageBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>The longest header block (top-level or of any MIME part), in bytes (default 256 KB).</summary>
    public int MaxHeaderBytes { get; set; } = 256 * 1024;

    /// <summary>The deepest nesting of multipart and message parts (default 32).</summary>
    public int MaxMimeDepth { get; set; } = 32;

    /// <summary>How long parsing one message may take (default 30 seconds).</summary>
    public TimeSpan ParseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
