namespace MpkiConnector.Tests;

public sealed class AddressTests
{
    [Theory]
    [InlineData("Alice@Example.ORG", "alice@example.org")]
    [InlineData("  bob@example.org ", "bob@example.org")]
    [InlineData("jörg@bücher.example", null)]
    [InlineData("joerg@bücher.example", "joerg@xn--bcher-kva.example")]
    [InlineData("first.last+tag@sub.example.co.uk", "first.last+tag@sub.example.co.uk")]
    [InlineData("user@example.org.", "user@example.org")]
    public void Parse_Address_IsNormalisedOrRefused(string input, string? expected)
    {
        var ok = EmailAddress.TryParse(input, out var address, out var error);

        if (expected is null)
        {
            Assert.False(ok);
            Assert.Contains("non-ASCII local part", error, StringComparison.Ordinal);
        }
        else
        {
            Assert.True(ok, error);
            Assert.Equal(expected, address!.Value);
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("alice@example.org\r\nBcc: eve@evil.example", "control character")]
    [InlineData("alice\0@example.org", "control character")]
    [InlineData("alice@example.org, bob@example.org", "list of addresses")]
    [InlineData("alice@example.org;bob@example.org", "list of addresses")]
    [InlineData("Alice <alice@example.org>", "display name")]
    [InlineData("\"Alice\" alice@example.org", "display name")]
    [InlineData("<alice@example.org>", "angle brackets")]
    [InlineData("alice.example.org", "no '@'")]
    [InlineData("alice@@example.org", "more than one '@'")]
    [InlineData("@example.org", "empty local part")]
    [InlineData("alice@", "empty domain")]
    [InlineData("ålice@example.org", "non-ASCII local part")]
    [InlineData("alice@localhost", "not fully qualified")]
    [InlineData("alice@[127.0.0.1]", "address literals")]
    [InlineData("al ice@example.org", "white space")]
    [InlineData(".alice@example.org", "dot")]
    [InlineData("alice@exa_mple.org", "invalid domain")]
    [InlineData("alice@-example.org", "invalid domain")]
    public void Parse_HostileAddress_IsRefusedWithClearReason(string input, string reason)
    {
        var ex = Assert.Throws<MpkiException>(() => EmailAddress.Parse(input));

        Assert.Equal(MpkiErrorKind.InvalidRequest, ex.Kind);
        Assert.Contains(reason, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.DoesNotContain('\0', ex.Message);
    }

    [Fact]
    public void Parse_TooLongParts_AreRefused()
    {
        var longLocal = new string('a', 65) + "@example.org";
        var longTotal = new string('a', 60) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".org";

        Assert.Contains("at most 64", Assert.Throws<MpkiException>(() => EmailAddress.Parse(longLocal)).Message, StringComparison.Ordinal);
        Assert.Contains("at most 254", Assert.Throws<MpkiException>(() => EmailAddress.Parse(longTotal)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host1.Example.ORG", "host1.example.org")]
    [InlineData("gerät.example", "xn--gert-noa.example")]
    public void DeviceName_Normalize_LowerCaseAscii(string input, string expected) =>
        Assert.Equal(expected, DeviceName.Normalize(input));

    [Theory]
    [InlineData("host")]
    [InlineData("*.example.org")]
    [InlineData("a@example.org")]
    [InlineData("host\n.example.org")]
    public void DeviceName_Normalize_RefusesWhatIsNotAHostName(string input) =>
        Assert.Equal(MpkiErrorKind.InvalidRequest, Assert.Throws<MpkiException>(() => DeviceName.Normalize(input)).Kind);
}
