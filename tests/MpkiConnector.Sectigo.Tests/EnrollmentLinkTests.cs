using MpkiConnector.Sectigo.SelfEnrollment;

namespace MpkiConnector.Sectigo.Tests;

public sealed class EnrollmentLinkTests
{
    [Fact]
    public void Parse_LinkFromTheEnrollmentPage_ServerWithSlashAndTokenNeverPrinted()
    {
        var link = EnrollmentLink.Parse("mpki-enroll:?server=http%3A%2F%2F127.0.0.1%3A8088&token=AbCdEfGhIjKlMnOpQrSt_-12");

        Assert.Equal(new Uri("http://127.0.0.1:8088/"), link.Server);
        Assert.Equal("AbCdEfGhIjKlMnOpQrSt_-12", link.Token);
        Assert.DoesNotContain("AbCdEf", link.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://portal.example/enroll", "starts with 'mpki-enroll:'")]
    [InlineData("mpki-enroll:?token=AbCdEfGhIjKlMnOpQrSt", "no http(s) server")]
    [InlineData("mpki-enroll:?server=file%3A%2F%2F%2Fetc&token=AbCdEfGhIjKlMnOpQrSt", "no http(s) server")]
    [InlineData("mpki-enroll:?server=http%3A%2F%2F127.0.0.1%2F&token=short", "no token")]
    public void Parse_MalformedLink_ConfigurationErrorSaysWhat(string text, string problem)
    {
        var error = Assert.Throws<MpkiException>(() => EnrollmentLink.Parse(text));

        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }
}
