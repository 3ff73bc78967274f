namespace MpkiConnector;

/// <summary>The checklist of one account (<see cref="IMpkiAccountCheck.CheckAccountAsync"/>).</summary>
/// <param name="AccountName">The configured name of the account.</param>
/// <param name="Items">Every check, in the order an operator fixes them.</param>
public sealed record MpkiAccountCheckReport(string AccountName, IReadOnlyList<MpkiAccountCheckItem> Items)
{
    /// <summary>Whether every check passed.</summary>
    public bool AllPassed => Items.Count > 0 && Items.All(i => i.Passed);
}
