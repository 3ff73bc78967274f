using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MpkiConnector.Storage;
using MpkiConnector.TestUtils;

namespace MpkiConnector.Tpm.Tests;

internal static class TpmTestFactory
{
    public static TpmKeyProvider CreateProvider(SoftwareTpm tpm, IKeyStore store, Action<TpmOptions>? configure = null)
    {
        var options = new TpmOptions { Tcti = tpm.Tcti, CommandTimeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        return new TpmKeyProvider(Options.Create(options), store, TimeProvider.System, NullLogger<TpmKeyProvider>.Instance);
    }

    /// <summary>Allows RSA-4096 beside the defaults, so that the TPM's own answer (swtpm has no RSA-4096) is what refuses it.</summary>
    public static void AllowRsa4096(TpmOptions options)
    {
        foreach (var algorithm in TpmOptions.DefaultAlgorithms.Append(MpkiKeyAlgorithm.Rsa4096))
        {
            options.AllowedAlgorithms.Add(algorithm);
        }
    }

    /// <summary>The installed certificate of a result; anything else fails the test with its reason.</summary>
    public static TpmCertificate Installed(TpmEnrollmentResult result) => result switch
    {
        TpmEnrollmentResult.Installed installed => installed.Certificate,
        TpmEnrollmentResult.Failed failed => throw new Xunit.Sdk.XunitException($"Failed ({failed.Kind}): {failed.Reason}"),
        _ => throw new Xunit.Sdk.XunitException($"Not installed: {result}"),
    };
}
