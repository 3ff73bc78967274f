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
