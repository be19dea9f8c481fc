using TorchSharp;

namespace SeqServe.Core.Runtime;

/// <summary>
/// Torch's intra-op thread count is per OS thread: a thread reads the process-wide value the first time it
/// runs an op and keeps it. <see cref="UseOnCurrentThread"/> fixes the count for the calling thread (an
/// inference thread) and puts the process-wide value back, so threads that start later (training) keep
/// what the Runtime settings chose.
/// </summary>
public static class TorchThreads
{
    public static void UseOnCurrentThread(int intraOpThreads)
    {
        var processWide = torch.get_num_threads(); // also initialises this thread with the process-wide value
        if (intraOpThreads <= 0 || intraOpThreads == processWide) return;
        torch.set_num_threads(intraOpThreads);     // this thread's count, and (as a side effect) the process-wide one
        var restore = new Thread(() => torch.set_num_threads(processWide)) { IsBackground = true, Name = "torch-threads-restore" };
        restore.Start();
        restore.Join();
    }
}
