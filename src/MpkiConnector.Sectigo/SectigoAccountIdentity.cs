namespace MpkiConnector.Sectigo;

/// <summary>Who we are at SCM, for messages: the account's configured name, login and customer URI (never the password).</summary>
internal sealed record SectigoAccountIdentity(string AccountName, string Login, string CustomerUri, string? Secret)
{
    /// <summary>Removes the password (and anything else secret) from a text that came from outside, for example an error description.</summary>
    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        return string.IsNullOrEmpty(Secret) ? text : text.Replace(Secret, "***", StringComparison.Ordinal);
    }

    public override string ToString() => $"Sectigo account '{AccountName}' (login '{Login}', customer URI '{CustomerUri}')";
}
