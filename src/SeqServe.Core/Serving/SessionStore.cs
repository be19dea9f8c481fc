using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace SeqServe.Core.Serving;

/// <summary>Limits of stateful sessions (configuration section <c>Sessions</c>).</summary>
public sealed record SessionLimits
{
    /// <summary>A session unused for this long expires and its state is freed.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>Open sessions at most, over all models; creating one more is refused (429).</summary>
    public int MaxSessions { get; init; } = 1000;
    /// <summary>Steps one call may feed.</summary>
    public int MaxStepsPerCall { get; init; } = 10_000;
}

/// <summary>Creating a session would exceed <see cref="SessionLimits.MaxSessions"/>.</summary>
public sealed class SessionLimitException(int limit)
    : Exception($"at most {limit} sessions may be open at once; delete one or wait for idle sessions to expire.")
{
    public int Limit { get; } = limit;
}

/// <summary>
/// One stateful session: the model version that created it (it stays on that version across a hot swap)
/// and the hidden state after the last step. Steps of one session run one at a time.
/// </summary>
public sealed class Session : IDisposable
{
    private readonly object gate = new();
    private readonly TimeProvider clock;
    private readonly TimeSpan idle;
    private readonly IDisposable? keepAlive;
    private StepperState? state;
    private bool closed;

    internal Session(string id, string model, string version, IStatefulStepper stepper, TimeProvider clock, TimeSpan idle,
        IDisposable? keepAlive)
    {
        (Id, Model, Version, Stepper, this.clock, this.idle, this.keepAlive) = (id, model, version, stepper, clock, idle, keepAlive);
        ExpiresAt = clock.GetUtcNow() + idle;
    }

    public string Id { get; }
    public string Model { get; }
    public string Version { get; }
    public IStatefulStepper Stepper { get; }
    public DateTimeOffset ExpiresAt { get; private set; }
    /// <summary>Steps fed so far.</summary>
    public long Steps { get; private set; }

    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Feeds the inputs on from the kept state and keeps the new state.</summary>
    public float[] Step(float[][] inputs)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(closed, this);
            var (outputs, next) = Stepper.Step(inputs, state);
            state?.Dispose();
            state = next;
            Steps += inputs.Length;
            ExpiresAt = clock.GetUtcNow() + idle;
            return outputs;
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (closed) return;
            closed = true;
            state?.Dispose();
            state = null;
            keepAlive?.Dispose(); // the model version may now be unloaded
        }
    }
}

/// <summary>
/// The server's open sessions: bounded in number, expiring after an idle time (checked on every access
/// and by <see cref="PurgeExpired"/>), identified by unguessable ids.
/// </summary>
public sealed class SessionStore(SessionLimits options, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private readonly object createGate = new();

    public SessionLimits Options => options;
    public int Count => sessions.Count;

    /// <summary>Opens a session; <paramref name="keepAlive"/> (what keeps the model version loaded) is disposed when the session closes.</summary>
    public Session Create(string model, string version, IStatefulStepper stepper, IDisposable? keepAlive = null)
    {
        lock (createGate)
        {
            if (sessions.Count >= options.MaxSessions) PurgeExpired();
            if (sessions.Count >= options.MaxSessions) throw new SessionLimitException(options.MaxSessions);
            var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var session = new Session(id, model, version, stepper, clock, options.IdleTimeout, keepAlive);
            sessions[id] = session;
            return session;
        }
    }

    /// <summary>The live session of <paramref name="model"/> with this id; null when unknown, of another model, or expired.</summary>
    public Session? Find(string model, string id)
    {
        if (!sessions.TryGetValue(id, out var session) || session.Model != model) return null;
        if (!session.IsExpired(clock.GetUtcNow())) return session;
        Remove(id);
        return null;
    }

    public bool Delete(string model, string id) =>
        sessions.TryGetValue(id, out var session) && session.Model == model && Remove(id);

    /// <summary>Frees every expired session; returns how many.</summary>
    public int PurgeExpired()
    {
        var now = clock.GetUtcNow();
        return sessions.Values.Where(s => s.IsExpired(now)).Count(s => Remove(s.Id));
    }

    private bool Remove(string id)
    {
        if (!sessions.TryRemove(id, out var session)) return false;
        session.Dispose();
        return true;
    }

    public void Dispose()
    {
        foreach (var id in sessions.Keys) Remove(id);
    }
}
