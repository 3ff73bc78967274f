using System.Diagnostics;

namespace MpkiConnector.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> of the MpkiConnector package: one activity per issuance (<c>mpki.issue</c>) with
/// its steps (<c>mpki.issue.prepare</c>: key, CSR and journal; <c>mpki.issue.complete</c>: validation and storage)
/// and one per provider call (<c>mpki.provider.discover|submit|find|collect|revoke</c>, tagged with the provider and,
/// on failure, the error kind and the vendor's code). Subscribe with OpenTelemetry's <c>AddSource("MpkiConnector")</c>
/// or an <see cref="ActivityListener"/>.
/// </summary>
public static class MpkiActivitySources
{
    /// <summary>The name of the source.</summary>
    public const string Name = "MpkiConnector";

    internal static readonly ActivitySource Source = new(Name, "1.0");

    internal static void RecordFailure(this Activity? activity, Exception exception)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        activity.SetTag("error.type", exception.GetType().FullName);
        if (exception is MpkiException mpki)
        {
            activity.SetTag("mpki.error.kind", mpki.Kind.ToString());
            activity.SetTag("mpki.error.transient", mpki.IsTransient);
            activity.SetTag("mpki.vendor.code", mpki.VendorCode);
            activity.SetTag("http.response.status_code", mpki.HttpStatus);
        }
    }
}
