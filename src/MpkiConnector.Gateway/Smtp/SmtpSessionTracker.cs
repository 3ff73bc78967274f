using System.Collections.Concurrent;
using SmtpServer;
using SmtpServer.Protocol;

namespace MpkiConnector.Gateway.Smtp;

/// <summary>
/// Knows which sessions are in a mail transaction (from <c>MAIL FROM</c> until the answer to <c>DATA</c>, <c>RSET</c>,
/// a new greeting or the end of the session), so that stopping lets those finish and closes only the idle ones.
/// </summary>
internal sealed class SmtpSessionTracker
{
    private readonly ConcurrentDictionary<ISessionContext, bool> _sessions = new();

    /// <summary>Sessions in progress.</summary>
    public int Active => _sessions.Count;

    /// <summary>Sessions between <c>MAIL FROM</c> and the answer to their <c>DATA</c>.</summary>
    public int InTransaction => _sessions.Count(s => s.Value);

    public void Started(ISessionContext context)
    {
        _sessions[context] = false;
        context.CommandExecuting += OnExecuting;
        context.CommandExecuted += OnExecuted;
    }

    public void Ended(ISessionContext context)
    {
        context.CommandExecuting -= OnExecuting;
        context.CommandExecuted -= OnExecuted;
        _sessions.TryRemove(context, out _);
    }

    /// <summary>
    /// Waits until no session is in a transaction; false when <paramref name="deadline"/> is cancelled first (wall-clock
    /// time: a stop is bounded by real seconds, whatever clock the gateway runs on).
    /// </summary>
    public async Task<bool> WaitForTransactionsAsync(CancellationToken deadline)
    {
        while (InTransaction > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                return false;
            }
        }

        return true;
    }

    private void OnExecuting(object? sender, SmtpCommandEventArgs e)
    {
        switch (e.Command)
        {
            case MailCommand:
                _sessions[e.Context] = true;
                break;
            case RsetCommand or QuitCommand or HeloCommand or EhloCommand:
                _sessions[e.Context] = false;
                break;
        }
    }

    private void OnExecuted(object? sender, SmtpCommandEventArgs e)
    {
        if (e.Command is DataCommand)
        {
            _sessions[e.Context] = false; // answered: the reply is written
        }
    }
}
