using System.Text.Json;
using Dapper;
using MpkiConnector.Storage.PostgreSql.Internal;

namespace MpkiConnector.Storage.PostgreSql;

/// <content>IProviderTrustStore: one row per provider account in <c>provider_trust</c>, written once (the first pin wins).</content>
public sealed partial class PostgreSqlMpkiStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> GetPinnedRootsAsync(string providerName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var json = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                "SELECT roots_json FROM provider_trust WHERE provider_name = @name",
                new { name = TrustKey(providerName) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            return ReadRoots(json);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<byte[]>> PinRootsAsync(string providerName, IReadOnlyList<byte[]> roots, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerName);
        ArgumentNullException.ThrowIfNull(roots);
        if (roots.Count == 0)
        {
            throw new ArgumentException("At least one root is needed to pin.", nameof(roots));
        }

        var connection = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO provider_trust (provider_name, roots_json, pinned_at) VALUES (@name, @json, @at) ON CONFLICT (provider_name) DO NOTHING",
                new { name = TrustKey(providerName), json = JsonSerializer.Serialize(roots.Select(Convert.ToBase64String)), at = PgValues.Instant(at) },
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return await GetPinnedRootsAsync(providerName, cancellationToken).ConfigureAwait(false);
    }

    private static string TrustKey(string providerName) => providerName.Trim().ToLowerInvariant();

    private static IReadOnlyList<byte[]> ReadRoots(string? json) =>
        json is null ? [] : (JsonSerializer.Deserialize<List<string>>(json) ?? []).Select(Convert.FromBase64String).ToList();
}
