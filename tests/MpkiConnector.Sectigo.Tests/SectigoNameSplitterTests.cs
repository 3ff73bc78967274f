namespace MpkiConnector.Sectigo.Tests;

public sealed class SectigoNameSplitterTests
{
    [Theory]
    [InlineData("Jane Doe", "Jane", "Doe")]
    [InlineData("Jean Claude van Damme", "Jean Claude van", "Damme")]
    [InlineData("\"Jane Doe\"", "Jane", "Doe")]
    public void Split_DefaultPattern_GivenNameAndSurname(string display, string first, string last)
    {
        var splitter = new SectigoNameSplitter(SectigoOptions.DefaultFullNamePattern, SectigoMissingDisplayNamePolicy.LocalPart);
        Assert.Equal((first, last), splitter.Split(display, "x@example.com"));
    }

    [Fact]
    public void Split_CustomPatternSurnameFirst_UsesGroups()
    {
        var splitter = new SectigoNameSplitter("(?<SN>[^,]+), (?<GN>.+)", SectigoMissingDisplayNamePolicy.LocalPart);
        Assert.Equal(("Jane", "Doe"), splitter.Split("Doe, Jane", "x@example.com"));
    }

    [Theory]
    [InlineData(SectigoMissingDisplayNamePolicy.LocalPart, "jane.doe@example.com", "jane", "doe")]
    [InlineData(SectigoMissingDisplayNamePolicy.LocalPart, "postmaster@example.com", "postmaster", "postmaster")]
    [InlineData(SectigoMissingDisplayNamePolicy.Address, "postmaster@example.com", "postmaster", "example.com")]
    public void Split_NoDisplayName_Policy(SectigoMissingDisplayNamePolicy policy, string email, string first, string last)
    {
        var splitter = new SectigoNameSplitter(SectigoOptions.DefaultFullNamePattern, policy);
        Assert.Equal((first, last), splitter.Split(null, email));
        Assert.Equal((first, last), splitter.Split("Mononym", email));
    }

    [Fact]
    public void Split_NoDisplayNameAndReject_InvalidRequest()
    {
        var splitter = new SectigoNameSplitter(SectigoOptions.DefaultFullNamePattern, SectigoMissingDisplayNamePolicy.Reject);
        var error = Assert.Throws<MpkiException>(() => splitter.Split(" ", "a@example.com"));
        Assert.Equal(MpkiErrorKind.InvalidRequest, error.Kind);
    }
}
