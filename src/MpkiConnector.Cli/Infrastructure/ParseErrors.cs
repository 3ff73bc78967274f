using System.CommandLine;
using System.Text.RegularExpressions;

namespace MpkiConnector.Cli.Infrastructure;

/// <summary>Turns the parser's errors into one line an operator reads: no .NET type names, suggestions for a mistyped command.</summary>
internal static partial class ParseErrors
{
    public static string Describe(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        var messages = new List<string>();
        var unknown = parseResult.UnmatchedTokens.FirstOrDefault();
        if (unknown is not null && !unknown.StartsWith('-'))
        {
            var suggestions = Suggest(parseResult.CommandResult.Command, unknown);
            messages.Add(suggestions.Count == 0
                ? $"unknown command '{unknown}'"
                : $"unknown command '{unknown}' (did you mean {string.Join(" or ", suggestions.Select(s => $"'{s}'"))}?)");
        }

        foreach (var error in parseResult.Errors)
        {
            var message = Friendly(string.Join(" ", error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
            if (unknown is not null && message.Contains($"'{unknown}'", StringComparison.Ordinal) && message.StartsWith("Unrecognized", StringComparison.Ordinal) && messages.Count > 0)
            {
                continue;
            }

            if (message.StartsWith("Required command", StringComparison.Ordinal))
            {
                message = $"'{CommandPath(parseResult)}' needs a subcommand: {string.Join(", ", parseResult.CommandResult.Command.Subcommands.Select(c => c.Name))}";
            }

            messages.Add(message);
        }

        return string.Join("; ", messages.Distinct(StringComparer.Ordinal));
    }

    /// <summary>The matched command path, for example <c>mpki domains</c>.</summary>
    public static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "mpki" : result.Command.Name);
        }

        return string.Join(" ", names);
    }

    /// <summary>The subcommands of <paramref name="command"/> close to <paramref name="typed"/> (prefix, or at most two edits).</summary>
    public static IReadOnlyList<string> Suggest(Command command, string typed)
    {
        ArgumentNullException.ThrowIfNull(command);
        return command.Subcommands
            .Select(c => c.Name)
            .Where(name => name.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || typed.StartsWith(name, StringComparison.OrdinalIgnoreCase) || Distance(name, typed.ToLowerInvariant()) <= 2)
            .ToList();
    }

    /// <summary>Replaces the parser's type names (<c>System.Nullable`1[System.Int32]</c>) by words.</summary>
    public static string Friendly(string message)
    {
        message = CannotParse().Replace(message, m => $"'{m.Groups["value"].Value}' is not valid for {m.Groups["symbol"].Value} (expected {Expected(m.Groups["type"].Value)})");
        return TypeName().Replace(message, "a value of the right kind");
    }

    private static string Expected(string typeName) => typeName switch
    {
        _ when typeName.Contains("Int32", StringComparison.Ordinal) || typeName.Contains("Int64", StringComparison.Ordinal) => "a whole number",
        _ when typeName.Contains("TimeSpan", StringComparison.Ordinal) => "a duration such as 00:30:00",
        _ when typeName.Contains("Boolean", StringComparison.Ordinal) => "true or false",
        _ when typeName.Contains("DateTime", StringComparison.Ordinal) => "a date such as 2026-12-31",
        _ => "see --help",
    };

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    [GeneratedRegex(@"Cannot parse argument '(?<value>[^']*)' for (?:option|argument|command) '(?<symbol>[^']*)' as expected type '(?<type>[^']*)'\.?")]
    private static partial Regex CannotParse();

    [GeneratedRegex(@"'?System\.[A-Za-z0-9_.`\[\], ]+\]?'?")]
    private static partial Regex TypeName();
}
