using System.Security.Cryptography;
using System.Text;
using SmtpServer;
using SmtpServer.Authentication;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>Checks AUTH against the one configured account (constant-time comparison).</summary>
internal sealed class SmtpUserAuthenticator : IUserAuthenticator
{
    private readonly byte[] _user;
    private readonly byte[] _password;

    public SmtpUserAuthenticator(SmtpAuthOptions auth)
    {
        _user = Encoding.UTF8.GetBytes(auth.User ?? string.Empty);
        _password = Encoding.UTF8.GetBytes(auth.Password ?? string.Empty);
    }

    public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var userOk = CryptographicOperations.FixedTimeEquals(_user, Encoding.UTF8.GetBytes(user ?? string.Empty));
        var passwordOk = CryptographicOperations.FixedTimeEquals(_password, Encoding.UTF8.GetBytes(password ?? string.Empty));
        return Task.FromResult(userOk & passwordOk);
    }
}
