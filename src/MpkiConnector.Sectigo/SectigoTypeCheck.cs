using MpkiConnector.Sectigo.Api;

namespace MpkiConnector.Sectigo;

/// <summary>
/// The per-type part of <see cref="SectigoAccountCheck"/>: the admin's client-certificate privilege, then each configured
/// certificate type (person, and device when set) available, with the configured term and key algorithm.
/// </summary>
internal sealed class SectigoTypeCheck
{
    private readonly SectigoMpkiProvider _provider;

    public SectigoTypeCheck(SectigoMpkiProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _provider = provider;
    }

    private SectigoOptions Options => _provider.Client.Options;

    /// <summary>Adds the privilege and type checks to <paramref name="items"/>.</summary>
    public async Task RunAsync(List<MpkiAccountCheckItem> items, CancellationToken cancellationToken = default)
    {
        SectigoAccountSnapshot snapshot;
        try
        {
            snapshot = await _provider.Resolver.GetAsync(true, cancellationToken).ConfigureAwait(false);
            items.Add(new("Client certificate privilege", true, $"the admin may read {snapshot.Types.Count} client certificate type(s)"));
        }
        catch (MpkiException ex)
        {
            items.Add(new("Client certificate privilege", false, ex.Message)
            {
                Remediation = ex.Remediation ?? $"In SCM (Settings > Admins > '{Options.Login}'), give the admin the client certificate privilege.",
            });
            items.Add(new("Certificate type available", false, "not checked") { Remediation = SectigoAccountCheck.NotChecked });
            return;
        }

        CheckType(items, snapshot, Options.CertificateType, nameof(SectigoOptions.CertificateType));
        if (!string.IsNullOrWhiteSpace(Options.DeviceCertificateType))
        {
            var pool = snapshot.DeviceTypes.Count > 0 ? snapshot with { Types = snapshot.DeviceTypes } : snapshot;
            CheckType(items, pool, Options.DeviceCertificateType, nameof(SectigoOptions.DeviceCertificateType));
        }
    }

    private void CheckType(List<MpkiAccountCheckItem> items, SectigoAccountSnapshot snapshot, string? configured, string setting)
    {
        ScmCertificateType type;
        try
        {
            type = _provider.Resolver.ResolveType(snapshot, configured, setting);
        }
        catch (MpkiException ex)
        {
            items.Add(new($"Certificate type available ({setting})", false, ex.Message) { Remediation = ex.Remediation });
            return;
        }

        var described = SectigoAccountResolver.Describe(type);
        items.Add(new($"Certificate type available ({setting})", true, described));
        try
        {
            var term = _provider.Resolver.ResolveTerm(type, Options.TermDays);
            items.Add(new($"Term offered by {type.Name}", true, $"{term} days"));
        }
        catch (MpkiException ex)
        {
            items.Add(new($"Term offered by {type.Name}", false, ex.Message) { Remediation = ex.Remediation });
        }

        if (string.IsNullOrWhiteSpace(Options.KeyAlgorithm))
        {
            return;
        }

        var keyTypes = type.ReadKeyTypes();
        var offered = keyTypes.Count == 0 ? "none listed" : string.Join("; ", keyTypes.Select(k => $"{k.Key}: {string.Join(", ", k.Value)}"));
        var wanted = SectigoKeyAlgorithmMatcher.Parse(Options.KeyAlgorithm);
        if (wanted is null)
        {
            items.Add(new($"Key algorithm accepted by {type.Name}", false, $"KeyAlgorithm '{Options.KeyAlgorithm}' is not understood")
            {
                Remediation = "Set KeyAlgorithm to RSA-2048, RSA-3072, RSA-4096, EC-P256 or EC-P384.",
            });
            return;
        }

        var ok = keyTypes.Count == 0 || SectigoKeyAlgorithmMatcher.Offers(keyTypes, wanted.Value);
        items.Add(new($"Key algorithm accepted by {type.Name}", ok, $"{Options.KeyAlgorithm}; the type accepts {offered}")
        {
            Remediation = ok ? null : $"Set KeyAlgorithm to one the type accepts ({offered}), or allow {Options.KeyAlgorithm} in the certificate profile in SCM.",
        });
    }
}
