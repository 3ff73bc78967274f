using System.Text.RegularExpressions;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>
/// Key algorithm names in every spelling the product prints or reads: <c>Rsa2048</c>, <c>RSA-2048</c>, <c>rsa2048</c>,
/// <c>EcdsaP256</c>, <c>EC-P256</c>, <c>ecdsa-p-256</c>...; and whether a certificate type's key types allow one.
/// </summary>
internal static partial class KeyAlgorithmNames
{
    public const string Accepted = "RSA-2048, RSA-3072, RSA-4096, EC-P256, EC-P384, EC-P521 (also written Rsa2048, EcdsaP256...)";

    public static MpkiKeyAlgorithm? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Enum.TryParse<MpkiKeyAlgorithm>(text.Trim(), ignoreCase: true, out var direct) && Enum.IsDefined(direct) && !text.Trim().All(char.IsAsciiDigit))
        {
            return direct;
        }

        var match = Spelling().Match(text.Trim());
        if (!match.Success)
        {
            return null;
        }

        var rsa = match.Groups["family"].Value.StartsWith("RSA", StringComparison.OrdinalIgnoreCase);
        return (rsa, match.Groups["size"].Value) switch
        {
            (true, "2048") => MpkiKeyAlgorithm.Rsa2048,
            (true, "3072") => MpkiKeyAlgorithm.Rsa3072,
            (true, "4096") => MpkiKeyAlgorithm.Rsa4096,
            (false, "256") => MpkiKeyAlgorithm.EcdsaP256,
            (false, "384") => MpkiKeyAlgorithm.EcdsaP384,
            (false, "521") => MpkiKeyAlgorithm.EcdsaP521,
            _ => null,
        };
    }

    /// <summary>Whether <paramref name="keyTypes"/> (<c>{"RSA":["2048"],"EC":["P-256"]}</c>) allow <paramref name="algorithm"/>; an empty list allows all.</summary>
    public static bool Allows(IReadOnlyDictionary<string, IReadOnlyList<string>> keyTypes, MpkiKeyAlgorithm algorithm)
    {
        if (keyTypes.Count == 0)
        {
            return true;
        }

        return keyTypes.Any(k => k.Value.Count == 0 ? Parse(k.Key + "-" + Size(algorithm)) == algorithm : k.Value.Any(size => Parse(k.Key + "-" + size) == algorithm));
    }

    private static string Size(MpkiKeyAlgorithm algorithm) => new(algorithm.ToString().Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"^(?<family>RSA|ECDSA|ECC|EC)[\s\-_:]*(?:SECP|NISTP|P)?[\s\-_]*(?<size>\d+)(?:R1)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Spelling();
}
