using System.Security.Cryptography.X509Certificates;

namespace MpkiConnector.Tpm;

/// <summary>Before a certificate is installed beside its TPM key: when the CA returned its root, the certificate must chain to it.</summary>
internal static class TpmChainCheck
{
    /// <summary>The reason the certificate does not chain to the returned root, or <see langword="null"/> when it does (or no root came back).</summary>
    public static string? Problem(byte[] leafDer, IReadOnlyList<byte[]> chainDer, DateTimeOffset now)
    {
        using var leaf = X509CertificateLoader.LoadCertificate(leafDer);
        var elements = chainDer.Select(X509CertificateLoader.LoadCertificate).ToList();
        try
        {
            var roots = elements.Where(e => e.SubjectName.RawData.AsSpan().SequenceEqual(e.IssuerName.RawData)).ToList();
            if (roots.Count == 0)
            {
                return null;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = now.UtcDateTime;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
            chain.ChainPolicy.ExtraStore.AddRange(elements.Except(roots).ToArray());
            if (chain.Build(leaf))
            {
                return null;
            }

            var status = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
            return $"The returned certificate does not chain to the root the CA returned ({status}).";
        }
        finally
        {
            elements.ForEach(e => e.Dispose());
        }
    }
}
