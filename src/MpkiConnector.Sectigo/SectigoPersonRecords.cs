using MpkiConnector.Sectigo.Api;
using Microsoft.Extensions.Logging;

namespace MpkiConnector.Sectigo;

/// <summary>
/// Makes sure a person record exists with the configured validation type before an enrollment
/// (as production S/MIME portals do): list by e-mail; create when absent; raise the validation type when lower.
/// </summary>
internal sealed class SectigoPersonRecords(SectigoApiClient client, ILogger logger)
{
    public async Task EnsureAsync(string email, string firstName, string lastName, int organizationId, CancellationToken cancellationToken)
    {
        var wanted = client.Options.PersonValidationType == SectigoPersonValidationType.High ? "HIGH" : "STANDARD";
        var existing = await FindAsync(email, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            var person = new ScmPerson
            {
                FirstName = firstName,
                LastName = lastName,
                Email = email,
                OrganizationId = organizationId,
                ValidationType = wanted,
                CommonName = Truncate($"{firstName} {lastName}", 64),
            };
            await client.SendCheckedAsync(HttpMethod.Post, "api/person/v1", person, $"creating the person record of {email}", cancellationToken).ConfigureAwait(false);
            SectigoLog.PersonEnsured(logger, client.Identity.AccountName, email, "created", wanted);
            return;
        }

        var current = existing.ValidationType?.Trim().ToUpperInvariant();
        if (current == wanted || (current == "HIGH" && wanted == "STANDARD"))
        {
            return;
        }

        existing.ValidationType = wanted;
        existing.FirstName ??= firstName;
        existing.LastName ??= lastName;
        existing.OrganizationId ??= organizationId;
        await client.SendCheckedAsync(HttpMethod.Put, $"api/person/v1/{Uri.EscapeDataString(existing.Id ?? string.Empty)}", existing, $"updating the person record of {email}", cancellationToken).ConfigureAwait(false);
        SectigoLog.PersonEnsured(logger, client.Identity.AccountName, email, "updated", wanted);
    }

    public async Task<ScmPerson?> FindAsync(string email, CancellationToken cancellationToken)
    {
        try
        {
            var people = await client.GetAsync<List<ScmPerson>>(
                $"api/person/v1?email={Uri.EscapeDataString(email)}&size=50&position=0",
                $"looking up the person record of {email}",
                cancellationToken).ConfigureAwait(false);
            return people.FirstOrDefault(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase));
        }
        catch (MpkiException ex) when (ex.VendorCode == "-105" || (ex.Kind == MpkiErrorKind.NotFound && ex.VendorCode is null))
        {
            return null;
        }
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
