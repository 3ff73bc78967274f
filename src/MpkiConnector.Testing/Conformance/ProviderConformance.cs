namespace MpkiConnector.Testing;

/// <summary>
/// The provider conformance kit: checks that an <see cref="IMpkiProvider"/> keeps the contract the issuance engine relies
/// on (discover, submit, pending, issued, rejected, revoke, find-order after a lost answer, a wrong certificate caught by
/// validation, RSA and EC keys). It needs no test framework: <see cref="RunAllAsync"/> returns a report
/// (<see cref="ProviderConformanceReport.ThrowIfFailed"/> turns it into one exception), and <see cref="RunCheckAsync"/>
/// runs one check and throws a <see cref="ProviderConformanceException"/> when the provider breaks the contract.
/// </summary>
/// <example>
/// <code>
/// var report = await ProviderConformance.RunAsync(new ProviderConformanceOptions
/// {
///     Provider = myProvider,
///     Addresses = ["conformance@example.com"],
///     Rejection = new ConformanceScenario { Address = "someone@not-my-domain.example" },
/// });
/// report.ThrowIfFailed();
/// </code>
/// </example>
public sealed partial class ProviderConformance
{
    private readonly ProviderConformanceOptions _options;
    private readonly CertificateValidator _validator;
    private int _nextAddress;

    /// <summary>Prepares the checks for one provider.</summary>
    /// <exception cref="ArgumentException">The options miss a provider, an address or a key algorithm, or an address is invalid.</exception>
    public ProviderConformance(ProviderConformanceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Provider, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Addresses, nameof(options));
        ArgumentNullException.ThrowIfNull(options.Time, nameof(options));
        if (options.Addresses.Count == 0)
        {
            throw new ArgumentException("ProviderConformanceOptions.Addresses: give at least one address the provider may issue for.", nameof(options));
        }

        foreach (var address in options.Addresses)
        {
            if (!EmailAddress.TryParse(address, out _, out var error))
            {
                throw new ArgumentException($"ProviderConformanceOptions.Addresses: {error}", nameof(options));
            }
        }

        if (options.KeyAlgorithms is null || options.KeyAlgorithms.Count == 0)
        {
            throw new ArgumentException("ProviderConformanceOptions.KeyAlgorithms: give at least one key algorithm.", nameof(options));
        }

        if (options.MaxCollects < 1 || options.PollInterval < TimeSpan.Zero)
        {
            throw new ArgumentException("ProviderConformanceOptions: MaxCollects must be at least 1 and PollInterval not negative.", nameof(options));
        }

        _options = options;
        _validator = new CertificateValidator(options.Time);
    }

    private IMpkiProvider Provider => _options.Provider;

    /// <summary>Runs every check on a new kit and returns the report.</summary>
    public static Task<ProviderConformanceReport> RunAsync(ProviderConformanceOptions options, CancellationToken cancellationToken = default) =>
        new ProviderConformance(options).RunAllAsync(cancellationToken);

    /// <summary>Runs every check in the order of <see cref="ConformanceCheck"/>; a failed check does not stop the others.</summary>
    public async Task<ProviderConformanceReport> RunAllAsync(CancellationToken cancellationToken = default)
    {
        var results = new List<ConformanceCheckResult>();
        foreach (var check in Enum.GetValues<ConformanceCheck>())
        {
            try
            {
                results.Add(await RunCheckAsync(check, cancellationToken).ConfigureAwait(false));
            }
            catch (ProviderConformanceException ex)
            {
                results.Add(new ConformanceCheckResult(check, ConformanceOutcome.Failed, ex.Reason ?? ex.Message) { Exception = ex.InnerException });
            }
        }

        return new ProviderConformanceReport(Provider.Name, results);
    }

    /// <summary>Runs one check: passed or skipped (with the reason) is returned, a broken contract is thrown.</summary>
    /// <exception cref="ProviderConformanceException">The provider broke the contract; the message says how.</exception>
    public async Task<ConformanceCheckResult> RunCheckAsync(ConformanceCheck check, CancellationToken cancellationToken = default)
    {
        try
        {
            return check switch
            {
                ConformanceCheck.Discover => await DiscoverAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.Submit => await SubmitAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.Pending => await PendingAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.Issued => await IssuedAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.Rejected => await RejectedAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.Revoke => await RevokeAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.FindOrderAfterLostAnswer => await FindOrderAfterLostAnswerAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.WrongCertificateCaught => await WrongCertificateCaughtAsync(cancellationToken).ConfigureAwait(false),
                ConformanceCheck.KeyAlgorithms => await KeyAlgorithmsAsync(cancellationToken).ConfigureAwait(false),
                _ => throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown conformance check."),
            };
        }
        catch (ProviderConformanceException)
        {
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (MpkiException ex)
        {
            throw new ProviderConformanceException(
                check, $"the provider failed with {Describe(ex)}: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is not ArgumentOutOfRangeException)
        {
            throw new ProviderConformanceException(
                check, $"the provider threw {ex.GetType().Name} ({ex.Message}); every failure of a provider must be an MpkiException with a kind that says whether to retry.", ex);
        }
    }

    private static ConformanceCheckResult Pass(ConformanceCheck check, string detail) => new(check, ConformanceOutcome.Passed, detail);

    private static ConformanceCheckResult Skip(ConformanceCheck check, string reason) => new(check, ConformanceOutcome.Skipped, reason);

    private static ProviderConformanceException Fail(ConformanceCheck check, string reason, Exception? inner = null) => new(check, reason, inner);

    private static string Describe(MpkiException ex) => $"{(ex.IsTransient ? "transient" : "non-transient")} {ex.Kind}";

    private static string Describe(MpkiCollectResult result) => result switch
    {
        MpkiCollectResult.Pending pending => $"Pending ({pending.Status ?? "no status"})",
        MpkiCollectResult.Issued => "Issued",
        MpkiCollectResult.Rejected rejected => $"Rejected ({rejected.Reason})",
        _ => result.GetType().Name,
    };
}
