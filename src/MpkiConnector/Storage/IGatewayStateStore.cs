namespace MpkiConnector.Storage;

/// <summary>The gateway's own state: managed domains added at run time and the senders it has seen.</summary>
public interface IGatewayStateStore
{
    /// <summary>Adds or replaces a managed domain.</summary>
    Task UpsertDomainAsync(ManagedDomainRecord domain, CancellationToken cancellationToken = default);

    /// <summary>Removes a managed domain; returns whether it existed.</summary>
    Task<bool> RemoveDomainAsync(string domain, CancellationToken cancellationToken = default);

    /// <summary>All managed domains stored at run time.</summary>
    Task<IReadOnlyList<ManagedDomainRecord>> ListDomainsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that a sender mailed out; returns whether it was the first time.</summary>
    Task<bool> TouchSenderAsync(string address, DateTimeOffset at, CancellationToken cancellationToken = default);
}
