namespace MpkiConnector.Gateway.Spool;

/// <summary>One input message: a file in the spool, or in the deferred spool with its state.</summary>
/// <param name="Path">The file (once claimed: its claimed name).</param>
/// <param name="Deferral">Its deferral state when it comes from the deferred spool.</param>
internal sealed record SpoolItem(string Path, DeferralState? Deferral)
{
    /// <summary>The file's name in the spool, kept when it is claimed.</summary>
    public string FileName { get; init; } = System.IO.Path.GetFileName(Path);

    /// <summary>The claim's token (<see cref="SpoolOwner"/>) once this process has claimed the file.</summary>
    public string? ClaimToken { get; init; }
}
