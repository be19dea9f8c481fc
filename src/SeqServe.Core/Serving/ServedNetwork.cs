using TorchSharp;

namespace SeqServe.Core.Serving;

/// <summary>
/// The base of a served model that owns one TorchSharp module: disposing the served model disposes the
/// module's parameters and buffers, once, however often it is called.
/// </summary>
public abstract class ServedNetwork(torch.nn.Module network) : IDisposable
{
    private int disposed;

    /// <summary>True once <see cref="Dispose"/> ran.</summary>
    public bool IsDisposed => Volatile.Read(ref disposed) == 1;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0) network.Dispose();
        GC.SuppressFinalize(this);
    }
}
