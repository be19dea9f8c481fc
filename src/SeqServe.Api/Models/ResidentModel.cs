using SeqServe.Core.Serving;

namespace SeqServe.Api.Models;

/// <summary>
/// A loaded model version in memory, counted: the registry holds one reference while the version is
/// resident, and every request (or session) using it holds a <see cref="ModelLease"/>. Once the registry
/// retires it (the version was removed or unloaded) no new lease is given, and the model is disposed
/// when the last lease is returned — never under a running forward pass.
/// </summary>
public sealed class ResidentModel
{
    private readonly Action<IServedModel> dispose;
    private int references = 1; // the registry's own
    private int retired;
    private long lastUsed;

    public ResidentModel(IServedModel model, Action<IServedModel> dispose)
    {
        Model = model;
        this.dispose = dispose;
        Touch();
    }

    public IServedModel Model { get; }

    /// <summary>When a lease was last taken (a <see cref="System.Diagnostics.Stopwatch"/> timestamp): unloading picks the least recently used.</summary>
    public long LastUsed => Volatile.Read(ref lastUsed);

    /// <summary>True once the last reference was returned and the model was handed over for disposal.</summary>
    public bool IsReleased => Volatile.Read(ref references) == 0;

    /// <summary>A lease keeping the model alive until it is disposed; null once the model is retired.</summary>
    public ModelLease? TryLease()
    {
        while (true)
        {
            var count = Volatile.Read(ref references);
            if (count == 0 || Volatile.Read(ref retired) == 1) return null;
            if (Interlocked.CompareExchange(ref references, count + 1, count) != count) continue;
            Touch();
            return new ModelLease(this);
        }
    }

    /// <summary>Gives up the registry's reference (once): the model is disposed when the last lease is returned.</summary>
    public void Retire()
    {
        if (Interlocked.Exchange(ref retired, 1) == 0) Release();
    }

    /// <summary>One more reference for a holder that already has one (so the count cannot be zero).</summary>
    internal void AddReference() => Interlocked.Increment(ref references);

    internal void Release()
    {
        if (Interlocked.Decrement(ref references) == 0) dispose(Model);
    }

    private void Touch() => Volatile.Write(ref lastUsed, System.Diagnostics.Stopwatch.GetTimestamp());
}

/// <summary>Keeps a <see cref="ResidentModel"/> from being disposed until this lease is disposed (once).</summary>
public sealed class ModelLease : IDisposable
{
    private ResidentModel? owner;

    internal ModelLease(ResidentModel owner) => this.owner = owner;

    /// <summary>A second, independent lease on the same model (for a session outliving the request that opened it).</summary>
    public ModelLease Share()
    {
        var model = owner ?? throw new ObjectDisposedException(nameof(ModelLease));
        model.AddReference();
        return new ModelLease(model);
    }

    public void Dispose() => Interlocked.Exchange(ref owner, null)?.Release();
}
