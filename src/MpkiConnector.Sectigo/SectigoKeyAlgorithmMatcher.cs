using System.Text.RegularExpressions;

namespace MpkiConnector.Sectigo;

/// <summary>Matches a configured key algorithm (<c>RSA-3072</c>, <c>Rsa3072</c>, <c>EC-P256</c>, <c>EcdsaP256</c>...) against a type's <c>keyTypes</c> (<c>{"RSA":["2048"],"EC":["P256"]}</c>).</summary>
internal static partial class SectigoKeyAlgorithmMatcher
{
    /// <summary>The family (RSA or EC) and the size or curve number, or null when the text is not understood.</summary>
    public static (string Family, string Size)? Parse(string? algorithm)
    {
        if (string.IsNullOrWhiteSpace(algorithm))
        {
            return null;
        }

        var match = AlgorithmText().Match(algorithm.Trim());
        if (!match.Success)
        {
            return null;
        }

        var family = match.Groups["family"].Value.StartsWith("RSA", StringComparison.OrdinalIgnoreCase) ? "RSA" : "EC";
        return (family, match.Groups["size"].Value);
    }

    public static bool Offers(IReadOnlyDictionary<string, IReadOnlyList<string>> keyTypes, (string Family, string Size) wanted)
    {
        foreach (var (name, sizes) in keyTypes)
        {
            var family = Parse(name + "-0")?.Family;
            if (family != wanted.Family)
            {
                continue;
            }

            if (sizes.Count == 0 || sizes.Any(s => Digits(s) == wanted.Size))
            {
                return true;
            }
        }

        return false;
    }

    private static string Digits(string text) => new(text.Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"^(?<family>RSA|ECDSA|ECC|EC)[\s\-_:]*(?:P|SECP|NISTP|P-)?[\s\-_]*(?<size>\d+)(?:R1)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex AlgorithmText();
}
