using System.Net;
using MpkiConnector.TestUtils;
using Xunit;

namespace MpkiConnector.Sectigo.Emulator.Tests;

public sealed class AuthenticationTests(EmulatorFixture fixture) : IClassFixture<EmulatorFixture>
{
    private RunningEmulator Running => fixture.Running;

    [Fact]
    public async Task AnyCall_UnknownLogin_Answers401Minus16()
    {
        using var client = Running.CreateClient(login: "nobody");
        using var response = await client.GetAsync("api/organization/v1");
        var error = await ScmCalls.ErrorAsync(response);
        Assert.Equal((401, -16), (error.Status, error.Code));
        Assert.Equal("Unknown user", error.Description);
    }

    [Fact]
    public async Task AnyCall_WrongPassword_Answers401Minus970()
    {
        using var client = Running.CreateClient(password: "wrong");
        using var response = await client.GetAsync("api/smime/v1/types");
        var error = await ScmCalls.ErrorAsync(response);
        Assert.Equal((401, -970), (error.Status, error.Code));
    }

    [Fact]
    public async Task AnyCall_UnknownCustomerUri_AnswersMinus410()
    {
        using var client = Running.CreateClient(customerUri: "NoSuchCustomer");
        using var response = await client.GetAsync("api/organization/v1");
        var error = await ScmCalls.ErrorAsync(response);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(-410, error.Code);
        Assert.Contains("NoSuchCustomer", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_MissingHeaders_IsRefused()
    {
        using var client = Running.CreateClient(login: null, password: null, customerUri: null);
        using var response = await client.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PrivatePath_LoginAndCustomerUriWithoutPassword_IsAccepted()
    {
        using var client = Running.CreateClient(password: null);
        using var response = await client.GetAsync("private/api/organization/v1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var publicPath = await client.GetAsync("api/organization/v1");
        Assert.Equal(HttpStatusCode.Unauthorized, publicPath.StatusCode);
    }
}
