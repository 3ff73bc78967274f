using System.Globalization;
using MimeKit;
using MpkiConnector.Gateway.Configuration;

namespace MpkiConnector.Gateway.Engine;

/// <summary>
/// Parses a message within bounds: the top-level header block is scanned first (its length and how far one field is
/// folded: MIME parsing is quadratic in the folded lines of a field), nesting is capped and the parse has a deadline.
/// A message beyond a bound is a problem with a reason, never a stalled run.
/// </summary>
internal static class MessageLoader
{
    /// <summary>The most lines one header field may be folded over.</summary>
    public const int MaxFoldedLines = 1000;

    /// <summary>The message, or why it cannot be read.</summary>
    public static async Task<(MimeMessage? Message, string? Problem)> LoadAsync(string path, MessageLimitOptions limits, TimeProvider time, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            if (await ScanHeaderAsync(stream, limits.MaxHeaderBytes, cancellationToken).ConfigureAwait(false) is { } problem)
            {
                return (null, problem);
            }

            stream.Position = 0;
            using var deadline = new CancellationTokenSource(limits.ParseTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            try
            {
                var options = new ParserOptions { MaxMimeDepth = limits.MaxMimeDepth };
                return (await MimeMessage.LoadAsync(options, stream, linked.Token).ConfigureAwait(false), null);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return (null, $"parsing took longer than {limits.ParseTimeout} (Limits.ParseTimeout)");
            }
            catch (FormatException ex)
            {
                return (null, $"malformed message: {ex.Message}");
            }
        }
    }

    private static async Task<string?> ScanHeaderAsync(Stream stream, int maxHeaderBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(maxHeaderBytes + 4, 64 * 1024)];
        long total = 0;
        var folded = 0;
        var atLineStart = true;
        var lineIsEmpty = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            for (var i = 0; i < read; i++, total++)
            {
                var b = buffer[i];
                if (atLineStart)
                {
                    folded = b is (byte)' ' or (byte)'\t' ? folded + 1 : 0;
                    if (folded > MaxFoldedLines)
                    {
                        return string.Create(CultureInfo.InvariantCulture, $"malformed message: a header field is folded over more than {MaxFoldedLines} lines");
                    }

                    lineIsEmpty = true;
                    atLineStart = false;
                }

                if (b == (byte)'\n')
                {
                    if (lineIsEmpty)
                    {
                        return null; // the end of the header block
                    }

                    atLineStart = true;
                }
                else if (b != (byte)'\r')
                {
                    lineIsEmpty = false;
                }

                if (total >= maxHeaderBytes)
                {
                    return string.Create(CultureInfo.InvariantCulture, $"malformed message: the header block is longer than {maxHeaderBytes} bytes (Limits.MaxHeaderBytes)");
                }
            }
        }

        return null;
    }
}
