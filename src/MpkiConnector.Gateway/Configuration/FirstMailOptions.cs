namespace MpkiConnector.Gateway.Configuration;

/// <summary>The first-mail policy and its bounds.</summary>
public sealed class FirstMailOptions
{
    /// <summary>The policy (default <see cref="FirstMailPolicy.Hold"/>).</summary>
    public FirstMailPolicy Policy { get; set; } = FirstMailPolicy.Hold;

    /// <summary>How long <see cref="FirstMailPolicy.Hold"/> waits for the certificate (default 30 seconds).</summary>
    public TimeSpan HoldTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>What <see cref="FirstMailPolicy.Hold"/> does when the bound passes: <see cref="FirstMailPolicy.Defer"/> (default) or <see cref="FirstMailPolicy.SendUnsigned"/>.</summary>
    public FirstMailPolicy HoldFallback { get; set; } = FirstMailPolicy.Defer;

    /// <summary>How long a deferred message waits before it is tried again (default 2 minutes).</summary>
    public TimeSpan DeferRetryInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A deferred message older than this is passed on unsigned rather than kept forever (default 1 day).</summary>
    public TimeSpan DeferMaxAge { get; set; } = TimeSpan.FromDays(1);

    /// <summary>After an issuance failed for good (the CA refused, the account is misconfigured), no new order is placed for that address for this long (default 1 hour).</summary>
    public TimeSpan FailedIssuanceParkTime { get; set; } = TimeSpan.FromHours(1);
}
