namespace MpkiConnector.Sectigo;

/// <summary>An enrollment invitation SCM accepted for sending (<c>POST /api/person/v2/{id}/invitation/send</c>, 202).</summary>
/// <param name="Email">The invited person's e-mail address.</param>
/// <param name="PersonId">SCM's person id.</param>
/// <param name="Form">The enrollment form.</param>
/// <param name="Account">The form's account the person enrolls with.</param>
public sealed record SectigoInvitation(string Email, int PersonId, SectigoEnrollmentForm Form, SectigoEnrollmentFormAccount Account);
