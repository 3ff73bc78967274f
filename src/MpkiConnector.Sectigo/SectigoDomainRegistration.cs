namespace MpkiConnector.Sectigo;

/// <summary>What <see cref="SectigoMpkiProvider.RegisterDomainAsync"/> did at the CA for a mail domain, and what remains for people to do.</summary>
/// <param name="Domain">The domain.</param>
/// <param name="Done">Each step done through the account (created, delegated for S/MIME, delegation approved).</param>
/// <param name="Remaining">Each step the account may not do or that only people can do (approval, domain control validation).</param>
public sealed record SectigoDomainRegistration(string Domain, IReadOnlyList<string> Done, IReadOnlyList<string> Remaining);
