using System.Security.Cryptography;
using System.Text;
using MpkiConnector.Sectigo.Emulator.Http;

namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>
/// What the self-enrollment pages need from the operator's side: web-form endpoints and accounts, invitations and
/// Person Secret IDs. Lookups span every customer (ids and URI extensions are unique across the emulator).
/// </summary>
internal sealed class EnrollmentEndpointDirectory(WebFormStore store, EmulatorRuntime runtime, TimeProvider time)
{
    public async Task<WebFormEndpoint?> FindEndpointAsync(int id, CancellationToken cancellationToken = default) =>
        (await store.GetEndpointAsync(null, id, cancellationToken))?.ToRecord();

    public async Task<WebFormEndpoint?> FindEndpointByUriExtensionAsync(string uriExtension, CancellationToken cancellationToken = default) =>
        (await store.FindEndpointByUriExtensionAsync(uriExtension, cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<WebFormAccount>> ListAccountsAsync(int endpointId, CancellationToken cancellationToken = default)
    {
        var (items, _) = await store.ListAccountsAsync(endpointId, 0, int.MaxValue, cancellationToken);
        return [.. items.Select(a => a.ToRecord())];
    }

    public async Task<WebFormAccount?> FindAccountAsync(int endpointId, int accountId, CancellationToken cancellationToken = default) =>
        (await store.GetAccountAsync(endpointId, accountId, cancellationToken))?.ToRecord();

    /// <summary>Creates an invitation with a fresh random token, valid <see cref="ScmEmulatorOptions.InvitationLifetimeHours"/>.</summary>
    public async Task<EnrollmentInvitation> CreateInvitationAsync(
        int personId, string email, int endpointId, int accountId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new EnrollmentInvitation(
            token, personId, email, endpointId, accountId, now, now.AddHours(runtime.Options.InvitationLifetimeHours));
        await store.InsertInvitationAsync(invitation, cancellationToken);
        return invitation;
    }

    public Task<EnrollmentInvitation?> FindInvitationAsync(string token, CancellationToken cancellationToken = default) =>
        store.GetInvitationAsync(token, cancellationToken);

    /// <summary>Whether <paramref name="secretId"/> is the Person Secret ID configured for <paramref name="email"/> (<see cref="ScmEmulatorOptions.PersonSecretIds"/>).</summary>
    public Task<bool> CheckPersonSecretIdAsync(string email, string secretId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var known = runtime.Options.PersonSecretIds
            .FirstOrDefault(p => string.Equals(p.Key, email, StringComparison.OrdinalIgnoreCase)).Value;
        return Task.FromResult(known is not null && CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(known)), SHA256.HashData(Encoding.UTF8.GetBytes(secretId))));
    }

    /// <summary>The link an invitation e-mail carries: <c>{PublicBaseUrl}/enroll/{uriExtension}/invitation/{token}</c>.</summary>
    public Uri InvitationLink(WebFormEndpoint endpoint, EnrollmentInvitation invitation) =>
        new($"{FormUrl(endpoint.UriExtension)}/invitation/{invitation.Token}");

    /// <summary>The form's own address: <c>{PublicBaseUrl}/enroll/{uriExtension}</c> (the endpoint's <c>url</c>).</summary>
    public Uri FormUrl(string uriExtension)
    {
        var baseUrl = runtime.Options.PublicBaseUrl ?? runtime.BaseAddress?.ToString()
            ?? throw new InvalidOperationException("The emulator has no base address yet.");
        return new Uri($"{baseUrl.TrimEnd('/')}/enroll/{Uri.EscapeDataString(uriExtension)}");
    }
}
