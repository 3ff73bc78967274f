namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>Creates the configured enrollment endpoints (<see cref="Configuration.EmulatorCustomer.EnrollmentEndpoints"/>) not yet stored.</summary>
internal static class WebFormSeeder
{
    public static async Task SeedAsync(ScmEmulatorOptions options, WebFormStore store, CancellationToken cancellationToken = default)
    {
        foreach (var customer in options.Customers)
        {
            foreach (var endpoint in customer.EnrollmentEndpoints)
            {
                if (await store.FindEndpointByUriExtensionAsync(endpoint.UriExtension, cancellationToken) is not null)
                {
                    continue;
                }

                var id = await store.InsertEndpointAsync(new WebFormEndpointRow
                {
                    CustomerUri = customer.CustomerUri, Name = endpoint.Name, Type = endpoint.Type, UriExtension = endpoint.UriExtension,
                    WebFormAuthTypes = string.Join(',', endpoint.WebFormAuthTypes), EnrollmentHelp = endpoint.EnrollmentHelp,
                }, cancellationToken);
                foreach (var account in endpoint.Accounts)
                {
                    await store.InsertAccountAsync(new WebFormAccountRow
                    {
                        EndpointId = id, CustomerUri = customer.CustomerUri, Name = account.Name, Type = endpoint.Type,
                        OrganizationId = account.OrganizationId, ProfileIds = string.Join(',', account.ProfileIds),
                        AccountAuthMethod = account.AccountAuthMethod, AccessCode = account.AccessCode,
                    }, cancellationToken);
                }
            }
        }
    }
}
