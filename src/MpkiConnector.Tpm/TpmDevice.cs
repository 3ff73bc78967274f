using System.Globalization;

namespace MpkiConnector.Tpm;

/// <summary>
/// The TPM operations the key provider needs, through tpm2-tools. Without a resource manager (swtpm on a socket)
/// every transient object is flushed after each operation, or the TPM runs out of object slots (TPM warning 0x902).
/// </summary>
internal sealed class TpmDevice(TpmToolRunner runner, TpmOptions options)
{
    // Unrestricted signing key that may also decrypt (S/MIME needs both); no fixed scheme, so the caller picks
    // the hash and the padding (PKCS#1 v1.5 or PSS). fixedtpm|fixedparent: it can never be duplicated out.
    private const string KeyAttributes = "fixedtpm|fixedparent|sensitivedataorigin|userwithauth|sign|decrypt";

    /// <summary>Which of <paramref name="candidates"/> the TPM can create (TPM2_GetCapability, TPM2_TestParms).</summary>
    public async Task<IReadOnlyList<MpkiKeyAlgorithm>> ProbeAsync(IEnumerable<MpkiKeyAlgorithm> candidates, CancellationToken cancellationToken = default)
    {
        var algorithms = await runner.RunCheckedAsync("tpm2_getcap", ["algorithms"], cancellationToken).ConfigureAwait(false);
        var names = TopLevelNames(algorithms.StandardOutput);
        var curves = await runner.RunCheckedAsync("tpm2_getcap", ["ecc-curves"], cancellationToken).ConfigureAwait(false);
        var supported = new List<MpkiKeyAlgorithm>();
        foreach (var algorithm in candidates.Distinct())
        {
            var ok = TpmAlgorithms.IsRsa(algorithm)
                ? names.Contains("rsa") && await TestParmsAsync(TpmAlgorithms.ToolSpec(algorithm), cancellationToken).ConfigureAwait(false)
                : names.Contains("ecc") && names.Contains("ecdsa")
                  && curves.StandardOutput.Contains(TpmAlgorithms.CurveCapabilityName(algorithm) + ":", StringComparison.Ordinal)
                  && await TestParmsAsync(TpmAlgorithms.ToolSpec(algorithm), cancellationToken).ConfigureAwait(false);
            if (ok)
            {
                supported.Add(algorithm);
            }
        }

        return supported;
    }

    /// <summary>The persistent handles in use (TPM2_GetCapability handles-persistent).</summary>
    public async Task<IReadOnlyList<uint>> ListPersistentHandlesAsync(CancellationToken cancellationToken = default)
    {
        var result = await runner.RunCheckedAsync("tpm2_getcap", ["handles-persistent"], cancellationToken).ConfigureAwait(false);
        var handles = new List<uint>();
        foreach (var line in result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var text = line.TrimStart('-', ' ');
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
                && uint.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var handle))
            {
                handles.Add(handle);
            }
        }

        return handles;
    }

    /// <summary>
    /// Creates a key under the owner's storage primary key inside the TPM and makes it persistent at
    /// <paramref name="handle"/>. The private part never exists outside the TPM unwrapped.
    /// </summary>
    public async Task CreatePersistentKeyAsync(MpkiKeyAlgorithm algorithm, uint handle, CancellationToken cancellationToken = default)
    {
        var work = Directory.CreateTempSubdirectory("mpki-tpm-");
        try
        {
            var primary = Path.Combine(work.FullName, "primary.ctx");
            var key = Path.Combine(work.FullName, "key.ctx");
            await FlushAsync(cancellationToken).ConfigureAwait(false);

            // The primary key is derived again from the owner seed each time (same template, same key), so no
            // storage key needs a persistent handle of its own.
            await runner.RunCheckedAsync("tpm2_createprimary", ["-Q", "-C", "o", "-g", "sha256", "-G", "ecc", "-c", primary], cancellationToken).ConfigureAwait(false);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            await runner.RunCheckedAsync(
                "tpm2_create",
                ["-Q", "-C", primary, "-G", TpmAlgorithms.ToolSpec(algorithm), "-a", KeyAttributes,
                 "-u", Path.Combine(work.FullName, "key.pub"), "-r", Path.Combine(work.FullName, "key.priv"), "-c", key],
                cancellationToken).ConfigureAwait(false);
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            await runner.RunCheckedAsync("tpm2_evictcontrol", ["-Q", "-C", "o", "-c", key, FormatHandle(handle)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            work.Delete(recursive: true);
        }
    }

    /// <summary>Removes a persistent key from the TPM for good; returns whether it was there.</summary>
    public async Task<bool> EvictAsync(uint handle, CancellationToken cancellationToken = default)
    {
        var handles = await ListPersistentHandlesAsync(cancellationToken).ConfigureAwait(false);
        if (!handles.Contains(handle))
        {
            return false;
        }

        await runner.RunCheckedAsync("tpm2_evictcontrol", ["-Q", "-C", "o", "-c", FormatHandle(handle)], cancellationToken).ConfigureAwait(false);
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Flushes every transient object (when <see cref="TpmOptions.FlushTransientObjects"/> is set).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (options.FlushTransientObjects)
        {
            await runner.RunAsync("tpm2_flushcontext", ["-t"], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A handle as tpm2-tools and OpenSSL's <c>handle:</c> URI spell it.</summary>
    public static string FormatHandle(uint handle) => "0x" + handle.ToString("X8", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>0x81000100</c>.</summary>
    public static bool TryParseHandle(string? text, out uint handle)
    {
        handle = 0;
        return text is not null && text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && uint.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out handle);
    }

    private async Task<bool> TestParmsAsync(string spec, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("tpm2_testparms", [spec], cancellationToken).ConfigureAwait(false);
        return result.Succeeded;
    }

    private static HashSet<string> TopLevelNames(string yaml)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in yaml.Split('\n'))
        {
            if (line.Length > 1 && !char.IsWhiteSpace(line[0]) && line.TrimEnd().EndsWith(':'))
            {
                names.Add(line.TrimEnd().TrimEnd(':'));
            }
        }

        return names;
    }
}
