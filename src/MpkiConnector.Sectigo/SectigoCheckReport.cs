namespace MpkiConnector.Sectigo;

/// <summary>The checklist of <see cref="SectigoAccountCheck"/> for one account (<c>mpki provider check NAME</c>).</summary>
/// <param name="AccountName">The configured name of the account.</param>
/// <param name="Items">Every check, in the order an operator fixes them.</param>
public sealed record SectigoCheckReport(string AccountName, IReadOnlyList<SectigoCheckItem> Items)
{
    /// <summary>Whether every check passed (the CLI's exit code 0).</summary>
    public bool AllPassed => Items.Count > 0 && Items.All(i => i.Passed);
}
