namespace MpkiConnector.Sectigo.Emulator.Enrollment;

/// <summary>An invitation sent to a person: its token is the last segment of <c>/enroll/{uriExtension}/invitation/{token}</c>.</summary>
/// <param name="Token">The random, URL-safe token.</param>
/// <param name="PersonId">The invited person.</param>
/// <param name="Email">The person's e-mail address.</param>
/// <param name="EndpointId">The enrollment endpoint (form).</param>
/// <param name="AccountId">The web-form account.</param>
/// <param name="CreatedAt">When it was sent.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
internal sealed record EnrollmentInvitation(string Token, int PersonId, string Email, int EndpointId, int AccountId,
    DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);
