namespace MpkiConnector;

/// <summary>One line of an account check: what was checked, whether it passed, and for a failure the one step that fixes it.</summary>
/// <param name="Name">What was checked, for example <c>Organisation found</c> or <c>Domain example.com delegated for S/MIME</c>.</param>
/// <param name="Passed">Whether the check passed.</param>
/// <param name="Detail">What was found (an id, a list, the CA's answer).</param>
public sealed record MpkiAccountCheckItem(string Name, bool Passed, string Detail)
{
    /// <summary>For a failed check: the one step the operator must take (at the CA or in the configuration).</summary>
    public string? Remediation { get; init; }
}
