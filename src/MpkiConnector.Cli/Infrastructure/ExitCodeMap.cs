using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using MpkiConnector.Gateway.Configuration;
using MpkiConnector.Storage.Sqlite;
using MpkiConnector.Tpm;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>
/// The one place that turns a failure into an exit code and a one-line message, by the exception's type (and, for an
/// <see cref="MpkiException"/>, its kind and the assembly that raised it), never by a type's name.
/// </summary>
internal static class ExitCodeMap
{
    private static readonly Assembly TpmAssembly = typeof(TpmKeyProvider).Assembly;
    private static readonly Assembly StoreAssembly = typeof(SqliteMpkiStore).Assembly;

    public static (int Code, string Message) Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is AggregateException { InnerExceptions.Count: 1 } aggregate)
        {
            return Describe(aggregate.InnerExceptions[0]);
        }

        return exception switch
        {
            CliException cli => (cli.ExitCode, cli.Message),
            GatewayConfigurationException configuration => (ExitCodes.UsageOrConfiguration, string.Join("; ", configuration.Errors)),
            OptionsValidationException options => (ExitCodes.UsageOrConfiguration, "configuration: " + string.Join("; ", options.Failures)),
            MpkiException mpki => (CodeOf(mpki), mpki.ReasonWithFix),
            OperationCanceledException => (ExitCodes.Cancelled, "cancelled"),
            SqliteException sqlite => (ExitCodes.Storage, "store: " + sqlite.Message),
            FileNotFoundException file => (ExitCodes.Storage, file.FileName is { } name ? $"file not found: {name}" : file.Message),
            UnauthorizedAccessException access => (ExitCodes.Storage, access.Message),
            IOException io => (ExitCodes.Storage, io.Message),
            HttpRequestException http => (ExitCodes.CertificateAuthority, "the CA could not be reached: " + http.Message),
            _ when ThrownBy(exception, StoreAssembly) => (ExitCodes.Storage, "store: " + exception.Message),
            _ when ThrownBy(exception, TpmAssembly) => (ExitCodes.Tpm, "TPM: " + exception.Message),
            CryptographicException crypto => (ExitCodes.Failure, "cryptography: " + crypto.Message),
            _ => (ExitCodes.Failure, exception.Message + " (--verbose shows details)"),
        };
    }

    public static int CodeOf(Exception exception) => Describe(exception).Code;

    private static int CodeOf(MpkiException exception) => exception.Kind switch
    {
        MpkiErrorKind.NotFound => ExitCodes.NotFound,
        not MpkiErrorKind.Rejected when ThrownBy(exception, TpmAssembly) => ExitCodes.Tpm,
        MpkiErrorKind.Configuration => ExitCodes.UsageOrConfiguration,
        _ => ExitCodes.CertificateAuthority,
    };

    /// <summary>Whether the exception was raised by code of <paramref name="assembly"/> (async state machines included).</summary>
    private static bool ThrownBy(Exception exception, Assembly assembly) =>
        exception.TargetSite?.DeclaringType?.Assembly == assembly;
}
