using System.Globalization;

namespace MpkiConnector.Sectigo;

/// <summary>
/// Self-enrollment invitations (the operator's side of the CA's desktop-client enrollment): the web forms and accounts open
/// to a person, and sending the invitation e-mail. The routes are the same in both of Sectigo's documents (person v2).
/// </summary>
public sealed partial class SectigoMpkiProvider
{
    /// <summary>The enrollment forms a person can be invited to.</summary>
    public Task<List<SectigoEnrollmentForm>> ListInvitationFormsAsync(int personId, CancellationToken cancellationToken = default) =>
        _client.GetAsync<List<SectigoEnrollmentForm>>(
            $"api/person/v2/{personId.ToString(CultureInfo.InvariantCulture)}/invitation/endpoint", "listing the enrollment forms", cancellationToken);

    /// <summary>The accounts of one enrollment form open to a person.</summary>
    public Task<List<SectigoEnrollmentFormAccount>> ListInvitationAccountsAsync(int personId, int formId, CancellationToken cancellationToken = default) =>
        _client.GetAsync<List<SectigoEnrollmentFormAccount>>(
            FormattableString.Invariant($"api/person/v2/{personId}/invitation/endpoint/{formId}/account"), "listing the enrollment form's accounts", cancellationToken);

    /// <summary>Asks SCM to e-mail a person the invitation to enroll with a form's account.</summary>
    public async Task SendInvitationAsync(int personId, int accountId, CancellationToken cancellationToken = default) =>
        await _client.SendCheckedAsync(HttpMethod.Post, FormattableString.Invariant($"api/person/v2/{personId}/invitation/send"),
            new { accountId }, "sending the enrollment invitation", cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Invites <paramref name="email"/> to enroll through the form <paramref name="formName"/>: finds or creates the person
    /// record (as enrollment does), picks the form and its account (<paramref name="accountName"/>, or the only one), sends.
    /// A missing form or account throws <see cref="MpkiErrorKind.NotFound"/>; an ambiguous account <see cref="MpkiErrorKind.Configuration"/>;
    /// both name what exists.
    /// </summary>
    public async Task<SectigoInvitation> InviteAsync(string email, string formName, string? accountName = null, string? displayName = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrWhiteSpace(formName);
        var snapshot = await _resolver.GetAsync(false, cancellationToken).ConfigureAwait(false);
        var organizationId = _resolver.ResolveOrganization(snapshot, _client.Options.OrganizationId);
        var (firstName, lastName) = _names.Split(displayName, email);
        await _persons.EnsureAsync(email, firstName, lastName, organizationId, cancellationToken).ConfigureAwait(false);
        var person = await _persons.FindAsync(email, cancellationToken).ConfigureAwait(false);
        if (!int.TryParse(person?.Id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var personId))
        {
            throw new MpkiException(MpkiErrorKind.Protocol, $"Sectigo account '{Name}': the person record of {email} has no id.");
        }

        var forms = await ListInvitationFormsAsync(personId, cancellationToken).ConfigureAwait(false);
        var form = forms.FirstOrDefault(f => string.Equals(f.Name, formName, StringComparison.OrdinalIgnoreCase))
            ?? throw new MpkiException(MpkiErrorKind.NotFound,
                $"Sectigo account '{Name}': no enrollment form '{formName}' is open to {email} (forms: {Names(forms.Select(f => f.Name))}).");
        var accounts = await ListInvitationAccountsAsync(personId, form.Id, cancellationToken).ConfigureAwait(false);
        var account = accountName is null
            ? accounts.Count == 1
                ? accounts[0]
                : throw new MpkiException(accounts.Count == 0 ? MpkiErrorKind.NotFound : MpkiErrorKind.Configuration, accounts.Count == 0
                    ? $"Sectigo account '{Name}': the enrollment form '{form.Name}' has no account open to {email}."
                    : $"Sectigo account '{Name}': the enrollment form '{form.Name}' has {accounts.Count} accounts ({Names(accounts.Select(a => a.Name))}); name one.")
            : accounts.FirstOrDefault(a => string.Equals(a.Name, accountName, StringComparison.OrdinalIgnoreCase))
                ?? throw new MpkiException(MpkiErrorKind.NotFound,
                    $"Sectigo account '{Name}': the enrollment form '{form.Name}' has no account '{accountName}' open to {email} (accounts: {Names(accounts.Select(a => a.Name))}).");
        await SendInvitationAsync(personId, account.Id, cancellationToken).ConfigureAwait(false);
        SectigoLog.InvitationSent(_logger, Name, email, form.Name, account.Name);
        return new SectigoInvitation(email, personId, form, account);
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : "none";
}
