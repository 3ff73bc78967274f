using Xunit.Sdk;

namespace MpkiConnector.Sectigo.Emulator.Tests.Contract;

/// <summary>
/// Checks every answer a test receives from the emulator against the document of its surface: bearer calls against the
/// Admin Operations OpenAPI document, header calls against the classic 25.5 reference. A drift fails the test that
/// received the answer. Answers of injected faults (<c>X-Emulator-Fault</c>) are not part of any document and are skipped.
/// </summary>
internal sealed class ContractCheckingHandler() : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri!.AbsolutePath;
        if (path.StartsWith("/private/", StringComparison.Ordinal))
        {
            path = path["/private".Length..];
        }

        if (!path.StartsWith("/api/", StringComparison.Ordinal) || response.Headers.Contains("X-Emulator-Fault"))
        {
            return response;
        }

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        var admin = request.Headers.Authorization?.Scheme == "Bearer";
        var drift = admin
            ? AdminOperationsContract.Check(request.Method.Method, path, status, response.Content.Headers.ContentType?.MediaType,
                response.Headers.WwwAuthenticate.Count > 0, body)
            : ClassicFieldsContract.Check(request.Method.Method, path, status, body);
        if (drift is not null)
        {
            throw new XunitException($"Contract drift ({(admin ? "Admin Operations 25.9.2" : "classic 25.5")}): {request.Method} {path} -> {status}: {drift}");
        }

        return response;
    }
}
