namespace MpkiConnector.Sectigo.Tests;

public sealed class SectigoErrorMapperTests
{
    private const string Canary = "Canary-Pw-7f3e91";
    private static readonly SectigoAccountIdentity Identity = new("dfn", "gateway-admin", "DFN", Canary);

    [Theory]
    [InlineData(401, -16, "Unknown user")]
    [InlineData(401, -970, "Incorrect login credentials.")]
    [InlineData(400, -970, "Incorrect login credentials.")]
    [InlineData(401, null, null)]
    public void Map_AuthenticationFailure_NamesLoginAndCustomerUriNeverPassword(int status, int? code, string? description)
    {
        var error = SectigoErrorMapper.Map(Identity, "reading the organisations", status, code, description, null);
        Assert.Equal(MpkiErrorKind.Authentication, error.Kind);
        Assert.Contains("authentication failed for login 'gateway-admin' at customer URI 'DFN'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Canary, error.Message + error.Remediation, StringComparison.Ordinal);
        Assert.NotNull(error.Remediation);
        Assert.Equal(status, error.HttpStatus);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public void Map_DescriptionEchoingThePassword_Redacted()
    {
        var error = SectigoErrorMapper.Map(Identity, "enrolling", 400, -7, $"Field password '{Canary}' is wrong", null);
        Assert.DoesNotContain(Canary, error.Message, StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_PerPersonLimit_LimitReachedWithRemediation()
    {
        var error = SectigoErrorMapper.Map(Identity, "enrolling", 400, -188, "This user have already reached the maximum", null);
        Assert.Equal(MpkiErrorKind.LimitReached, error.Kind);
        Assert.Equal("-188", error.VendorCode);
        Assert.NotNull(error.Remediation);
    }

    [Theory]
    [InlineData(-36)]
    [InlineData(-39)]
    [InlineData(-111)]
    [InlineData(-172)]
    [InlineData(-184)]
    [InlineData(-185)]
    public void Map_ProfileAndTermCodes_ConfigurationWithRemediation(int code)
    {
        var error = SectigoErrorMapper.Map(Identity, "enrolling", 400, code, "some text", null);
        Assert.Equal(MpkiErrorKind.Configuration, error.Kind);
        Assert.False(string.IsNullOrWhiteSpace(error.Remediation));
        Assert.False(error.IsTransient);
    }

    [Theory]
    [InlineData(500, MpkiErrorKind.Unavailable, true)]
    [InlineData(503, MpkiErrorKind.Unavailable, true)]
    [InlineData(408, MpkiErrorKind.Unavailable, true)]
    [InlineData(429, MpkiErrorKind.RateLimited, true)]
    [InlineData(404, MpkiErrorKind.NotFound, false)]
    [InlineData(403, MpkiErrorKind.Authorization, false)]
    [InlineData(400, MpkiErrorKind.InvalidRequest, false)]
    public void Map_StatusWithoutCode_KindAndTransience(int status, MpkiErrorKind kind, bool transient)
    {
        var error = SectigoErrorMapper.Map(Identity, "listing", status, null, null, TimeSpan.FromSeconds(2));
        Assert.Equal(kind, error.Kind);
        Assert.Equal(transient, error.IsTransient);
        Assert.Null(error.VendorCode);
        Assert.Equal(TimeSpan.FromSeconds(2), error.RetryAfter);
    }

    [Theory]
    [InlineData(-971, "Password must be changed: log in to the web interface once and change the initial password.", MpkiErrorKind.Authentication, "initial password")]
    [InlineData(-226, "This Admin account does not have privileges required to manage 'Org' organization.", MpkiErrorKind.Authorization, "RA role")]
    [InlineData(-3, "You are not authorized to perform client certificate management.", MpkiErrorKind.Authorization, "privilege")]
    [InlineData(-843, "Client certificate cannot be requested due to 'NOT_VALIDATED' validation status of the selected organization 'Org'.", MpkiErrorKind.Configuration, "validated")]
    [InlineData(-1021, "This operation cannot be performed for Organization 'Org': Web API for client certificates is not enabled.", MpkiErrorKind.Configuration, "Enable Web / REST API")]
    [InlineData(-727, "The domain 'x.org' does not exist.", MpkiErrorKind.Configuration, "add the mail domain")]
    [InlineData(-1010, "Domain 'x.org' is not allowed.", MpkiErrorKind.Configuration, "delegate")]
    [InlineData(-1137, "The domain(s) x.org have not been validated under the DCV procedure.", MpkiErrorKind.Configuration, "DCV")]
    [InlineData(-1601, "Field 'validationType' has invalid value: the profile requires a person with validation type HIGH.", MpkiErrorKind.Configuration, "PersonValidationType")]
    public void Map_SetupSlip_ByCodeAndByDescription_NamesTheFix(int code, string description, MpkiErrorKind kind, string fix)
    {
        var byCode = SectigoErrorMapper.Map(Identity, "enrolling", 400, code, description, null);
        Assert.Equal(kind, byCode.Kind);
        Assert.Contains(fix, byCode.Remediation, StringComparison.Ordinal);

        // An SCM that uses another (undocumented) code for the same slip is recognised by its description.
        var byDescription = SectigoErrorMapper.Map(Identity, "enrolling", 400, -99999, description, null);
        Assert.Equal(kind, byDescription.Kind);
        Assert.Contains(fix, byDescription.Remediation, StringComparison.Ordinal);
    }
}
