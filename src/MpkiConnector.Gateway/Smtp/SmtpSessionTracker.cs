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

    /// <summary>Set when stopping begins: a new transaction is refused (<c>421</c> at MAIL FROM, see <see cref="SmtpMailboxFilter"/>).</summary>
    public bool Draining { get; set; }

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
    /// Waits until no session is in a transaction (<paramref name="sessions"/> false) or no session at all; false when
    /// <paramref name="deadline"/> is cancelled first (wall-clock time: a stop is bounded by real seconds, whatever clock
    /// the gateway runs on).
    /// </summary>
    public async Task<bool> WaitAsync(bool sessions, CancellationToken deadline)
    {
        while (sessions ? Active > 0 : InTransaction > 0)
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

    /// <summary>
    /// Answers every session that is not in a transaction <c>421</c> (it waits for its next command: nothing else writes
    /// to it now); cancelling the sessions then closes them.
    /// </summary>
    public async Task AnswerIdleAsync(string reply)
    {
        var line = System.Text.Encoding.ASCII.GetBytes($"421 {reply}\r\n");
        foreach (var (context, inTransaction) in _sessions)
        {
            if (inTransaction || context.Pipe is not { } pipe)
            {
                continue;
            }

            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await pipe.Output.WriteAsync(line, timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException or OperationCanceledException)
            {
                // the client is gone already
            }
        }
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
