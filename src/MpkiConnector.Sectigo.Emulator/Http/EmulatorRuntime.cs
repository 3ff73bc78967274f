using System.Collections.Concurrent;
using MpkiConnector.Sectigo.Emulator.Configuration;

namespace MpkiConnector.Sectigo.Emulator.Http;

/// <summary>Run-time state shared by the middleware and the endpoints: the live options, the seeded dice, the request log.</summary>
internal sealed class EmulatorRuntime(ScmEmulatorOptions options)
{
    private const int MaxRecords = 10_000;
    private readonly Random _random = new(options.Seed);
    private readonly Lock _lock = new();
    private readonly ConcurrentQueue<EmulatorRequestRecord> _requests = new();
    private readonly ConcurrentDictionary<string, TokenGrant> _tokens = new(StringComparer.Ordinal);

    public ScmEmulatorOptions Options { get; } = options;

    public Uri? BaseAddress { get; set; }

    public IReadOnlyList<EmulatorRequestRecord> Requests => [.. _requests];

    public void Record(EmulatorRequestRecord record)
    {
        _requests.Enqueue(record);
        while (_requests.Count > MaxRecords && _requests.TryDequeue(out _))
        {
        }
    }

    public EmulatorCustomer? FindCustomer(string? customerUri) =>
        customerUri is null
            ? null
            : Options.Customers.FirstOrDefault(c => string.Equals(c.CustomerUri, customerUri, StringComparison.OrdinalIgnoreCase));

    public EmulatorAccount? FindAccount(EmulatorCustomer? customer, string? login) =>
        customer is null || login is null
            ? null
            : customer.Accounts.FirstOrDefault(a => string.Equals(a.Login, login, StringComparison.Ordinal));

    public EmulatorBehavior BehaviorFor(string? customerUri, string? login) =>
        FindAccount(FindCustomer(customerUri), login)?.Behavior ?? Options.Behavior;

    /// <summary>The behaviour of the account a request speaks for: its bearer token's, else its <c>customerUri</c>/<c>login</c> headers'.</summary>
    public EmulatorBehavior BehaviorFor(HttpContext context) =>
        BearerToken(context) is { } token && _tokens.TryGetValue(token, out var grant)
            ? BehaviorFor(grant.CustomerUri, grant.Login)
            : BehaviorFor(RequestLoggingMiddleware.Header(context, "customerUri"), RequestLoggingMiddleware.Header(context, "login"));

    /// <summary>Hands out a new opaque access token for an account.</summary>
    public string IssueToken(string customerUri, string login, DateTimeOffset expiresAt)
    {
        var token = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = new TokenGrant(customerUri, login, expiresAt);
        return token;
    }

    /// <summary>The grant of a token, or null when it is unknown.</summary>
    public TokenGrant? FindToken(string token) => _tokens.TryGetValue(token, out var grant) ? grant : null;

    /// <summary>Forgets every token (as if they had all expired).</summary>
    public void RevokeTokens() => _tokens.Clear();

    /// <summary>The bearer token of the <c>Authorization</c> header, or null.</summary>
    public static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    /// <summary>True with probability <paramref name="rate"/>; draws only when the rate is positive (reproducible).</summary>
    public bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_lock)
        {
            return _random.NextDouble() < rate;
        }
    }

    /// <summary>Consumes one unit of a burst counter; true when one was left.</summary>
    public bool TakeBurst(Func<int> get, Action<int> set)
    {
        lock (_lock)
        {
            var left = get();
            if (left <= 0)
            {
                return false;
            }

            set(left - 1);
            return true;
        }
    }
}
