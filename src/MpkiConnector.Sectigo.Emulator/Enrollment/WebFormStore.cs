using Dapper;
using MpkiConnector.Sectigo.Emulator.Storage;

namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>Enrollment endpoints, web-form accounts and invitations in the emulator's SQLite file.</summary>
internal sealed class WebFormStore(EmulatorStore store)
{
    private const string EndpointColumns =
        "Id, CustomerUri, Name, Type, UriExtension, WebFormAuthTypes, EnrollmentHelp, EnrollmentLinkName, EnrollmentLinkAddress, " +
        "ContactName, ContactEmail, ContactPhone, OrgDelegations";

    private const string AccountColumns =
        "Id, EndpointId, CustomerUri, Name, Type, OrganizationId, ProfileIds, AccountAuthMethod, AccessCode, CsrGenerationMethod";

    public async Task<(IReadOnlyList<WebFormEndpointRow> Items, long Total)> ListEndpointsAsync(
        string customerUri, string? name, string? uriExtension, IReadOnlyList<string> types, int position, int size,
        CancellationToken cancellationToken = default)
    {
        var where = "CustomerUri = @customerUri";
        where += name is null ? string.Empty : " AND Name = @name COLLATE NOCASE";
        where += uriExtension is null ? string.Empty : " AND UriExtension = @uriExtension COLLATE NOCASE";
        where += types.Count == 0 ? string.Empty : " AND Type IN @types";
        var args = new { customerUri, name, uriExtension, types, position, size };
        return await store.WithConnectionAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                $"SELECT COUNT(*) FROM WebFormEndpoints WHERE {where}", args, cancellationToken: cancellationToken));
            var items = await c.QueryAsync<WebFormEndpointRow>(new CommandDefinition(
                $"SELECT {EndpointColumns} FROM WebFormEndpoints WHERE {where} ORDER BY Id LIMIT @size OFFSET @position", args,
                cancellationToken: cancellationToken));
            return ((IReadOnlyList<WebFormEndpointRow>)items.AsList(), total);
        }, cancellationToken);
    }

    /// <summary>One endpoint; <paramref name="customerUri"/> null: of any customer.</summary>
    public Task<WebFormEndpointRow?> GetEndpointAsync(string? customerUri, long id, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<WebFormEndpointRow>(new CommandDefinition(
            $"SELECT {EndpointColumns} FROM WebFormEndpoints WHERE Id = @id AND (@customerUri IS NULL OR CustomerUri = @customerUri)",
            new { customerUri, id },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<WebFormEndpointRow?> FindEndpointByUriExtensionAsync(string uriExtension, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<WebFormEndpointRow>(new CommandDefinition(
            $"SELECT {EndpointColumns} FROM WebFormEndpoints WHERE UriExtension = @uriExtension COLLATE NOCASE",
            new { uriExtension },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<long> InsertEndpointAsync(WebFormEndpointRow row, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO WebFormEndpoints (CustomerUri, Name, Type, UriExtension, WebFormAuthTypes, EnrollmentHelp, EnrollmentLinkName,
                EnrollmentLinkAddress, ContactName, ContactEmail, ContactPhone, OrgDelegations)
            VALUES (@CustomerUri, @Name, @Type, @UriExtension, @WebFormAuthTypes, @EnrollmentHelp, @EnrollmentLinkName,
                @EnrollmentLinkAddress, @ContactName, @ContactEmail, @ContactPhone, @OrgDelegations);
            SELECT last_insert_rowid();
            """,
            row,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> UpdateEndpointAsync(WebFormEndpointRow row, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE WebFormEndpoints SET Name = @Name, Type = @Type, UriExtension = @UriExtension, WebFormAuthTypes = @WebFormAuthTypes,
                EnrollmentHelp = @EnrollmentHelp, EnrollmentLinkName = @EnrollmentLinkName, EnrollmentLinkAddress = @EnrollmentLinkAddress,
                ContactName = @ContactName, ContactEmail = @ContactEmail, ContactPhone = @ContactPhone, OrgDelegations = @OrgDelegations
            WHERE CustomerUri = @CustomerUri AND Id = @Id
            """,
            row,
            cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Deletes an endpoint with its accounts; 0 when it did not exist.</summary>
    public Task<int> DeleteEndpointAsync(string customerUri, long id, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM WebFormAccounts WHERE EndpointId = @id AND CustomerUri = @customerUri;
            DELETE FROM WebFormEndpoints WHERE Id = @id AND CustomerUri = @customerUri;
            """,
            new { customerUri, id },
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<(IReadOnlyList<WebFormAccountRow> Items, long Total)> ListAccountsAsync(
        long endpointId, int position, int size, CancellationToken cancellationToken = default)
    {
        var args = new { endpointId, position, size };
        return await store.WithConnectionAsync(async c =>
        {
            var total = await c.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT COUNT(*) FROM WebFormAccounts WHERE EndpointId = @endpointId", args, cancellationToken: cancellationToken));
            var items = await c.QueryAsync<WebFormAccountRow>(new CommandDefinition(
                $"SELECT {AccountColumns} FROM WebFormAccounts WHERE EndpointId = @endpointId ORDER BY Id LIMIT @size OFFSET @position",
                args,
                cancellationToken: cancellationToken));
            return ((IReadOnlyList<WebFormAccountRow>)items.AsList(), total);
        }, cancellationToken);
    }

    public Task<WebFormAccountRow?> GetAccountAsync(long endpointId, long id, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<WebFormAccountRow>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM WebFormAccounts WHERE EndpointId = @endpointId AND Id = @id",
            new { endpointId, id },
            cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>An account by its id alone, within a customer.</summary>
    public Task<WebFormAccountRow?> FindAccountAsync(string customerUri, long id, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<WebFormAccountRow>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM WebFormAccounts WHERE CustomerUri = @customerUri AND Id = @id",
            new { customerUri, id },
            cancellationToken: cancellationToken)), cancellationToken);

    /// <summary>Whether another account of the customer (not <paramref name="exceptId"/>) has this access code.</summary>
    public Task<bool> AccessCodeTakenAsync(string customerUri, string accessCode, long exceptId, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM WebFormAccounts WHERE CustomerUri = @customerUri AND AccessCode = @accessCode AND Id <> @exceptId)",
            new { customerUri, accessCode, exceptId },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<long> InsertAccountAsync(WebFormAccountRow row, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO WebFormAccounts (EndpointId, CustomerUri, Name, Type, OrganizationId, ProfileIds, AccountAuthMethod, AccessCode,
                CsrGenerationMethod)
            VALUES (@EndpointId, @CustomerUri, @Name, @Type, @OrganizationId, @ProfileIds, @AccountAuthMethod, @AccessCode,
                @CsrGenerationMethod);
            SELECT last_insert_rowid();
            """,
            row,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> UpdateAccountAsync(WebFormAccountRow row, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            """
            UPDATE WebFormAccounts SET Name = @Name, Type = @Type, OrganizationId = @OrganizationId, ProfileIds = @ProfileIds,
                AccountAuthMethod = @AccountAuthMethod, AccessCode = @AccessCode, CsrGenerationMethod = @CsrGenerationMethod
            WHERE EndpointId = @EndpointId AND Id = @Id
            """,
            row,
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> DeleteAccountAsync(long endpointId, long id, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            "DELETE FROM WebFormAccounts WHERE EndpointId = @endpointId AND Id = @id", new { endpointId, id },
            cancellationToken: cancellationToken)), cancellationToken);

    public Task<int> InsertInvitationAsync(EnrollmentInvitation invitation, CancellationToken cancellationToken = default) =>
        store.WithConnectionAsync(c => c.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO EnrollmentInvitations (Token, PersonId, Email, EndpointId, AccountId, CreatedAt, ExpiresAt)
            VALUES (@Token, @PersonId, @Email, @EndpointId, @AccountId, @CreatedAt, @ExpiresAt)
            """,
            new
            {
                invitation.Token, invitation.PersonId, invitation.Email, invitation.EndpointId, invitation.AccountId,
                CreatedAt = invitation.CreatedAt.ToUnixTimeMilliseconds(), ExpiresAt = invitation.ExpiresAt.ToUnixTimeMilliseconds(),
            },
            cancellationToken: cancellationToken)), cancellationToken);

    public async Task<EnrollmentInvitation?> GetInvitationAsync(string token, CancellationToken cancellationToken = default)
    {
        var rows = (await store.WithConnectionAsync(c => c.QueryAsync<(string, long, string, long, long, long, long)>(
            new CommandDefinition(
                "SELECT Token, PersonId, Email, EndpointId, AccountId, CreatedAt, ExpiresAt FROM EnrollmentInvitations WHERE Token = @token",
                new { token },
                cancellationToken: cancellationToken)), cancellationToken)).AsList();
        return rows is [var (t, person, email, endpoint, account, created, expires)]
            ? new EnrollmentInvitation(t, (int)person, email, (int)endpoint, (int)account,
                DateTimeOffset.FromUnixTimeMilliseconds(created), DateTimeOffset.FromUnixTimeMilliseconds(expires))
            : null;
    }
}
