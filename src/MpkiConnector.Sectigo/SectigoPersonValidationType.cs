namespace MpkiConnector.Sectigo;

/// <summary>The validation type of an SCM person record (<c>validationType</c>).</summary>
public enum SectigoPersonValidationType
{
    /// <summary><c>STANDARD</c>: enough for organisation-validated profiles.</summary>
    Standard = 0,

    /// <summary><c>HIGH</c>: needed by "personal" (individual-validated) profiles.</summary>
    High,
}
