namespace MpkiConnector.Gateway.Spool;

/// <summary>One input message: a file in the spool, or in the deferred spool with its state.</summary>
/// <param name="Path">The file.</param>
/// <param name="Deferral">Its deferral state when it comes from the deferred spool.</param>
internal sealed record SpoolItem(string Path, DeferralState? Deferral)
{
    /// <summary>The file name.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);
}
