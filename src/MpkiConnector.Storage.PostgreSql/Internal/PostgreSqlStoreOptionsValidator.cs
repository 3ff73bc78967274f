using Microsoft.Extensions.Options;

namespace MpkiConnector.Storage.PostgreSql.Internal;

/// <summary>Fails start with the options' own first problem (which never quotes the connection string).</summary>
internal sealed class PostgreSqlStoreOptionsValidator : IValidateOptions<PostgreSqlStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlStoreOptions options) =>
        options.Validate() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
