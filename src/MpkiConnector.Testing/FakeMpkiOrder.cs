namespace MpkiConnector.Testing;

/// <summary>An order held by <see cref="FakeMpkiProvider"/>.</summary>
public sealed class FakeMpkiOrder
{
    internal FakeMpkiOrder(string orderId, MpkiEnrollmentRequest request, DateTimeOffset createdAt)
    {
        OrderId = orderId;
        Request = request;
        CreatedAt = createdAt;
    }

    /// <summary>The fake CA's order id.</summary>
    public string OrderId { get; }

    /// <summary>Our correlation id (the journal's order id).</summary>
    public string CorrelationId => Request.CorrelationId;

    /// <summary>The request as submitted.</summary>
    public MpkiEnrollmentRequest Request { get; }

    /// <summary>When it was submitted.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>How many times it was collected.</summary>
    public int CollectCount { get; internal set; }

    /// <summary>Pending answers still to give.</summary>
    internal int PendingLeft { get; set; } = -1;

    /// <summary>The certificate, DER, once issued (the same on every later collect).</summary>
    public byte[]? CertificateDer { get; internal set; }

    /// <summary>The serial number (upper-case hex) once issued.</summary>
    public string? SerialNumber { get; internal set; }

    /// <summary>Whether it was revoked.</summary>
    public bool Revoked { get; internal set; }
}
