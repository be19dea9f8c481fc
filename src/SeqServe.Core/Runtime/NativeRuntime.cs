using System.Runtime.InteropServices;
using TorchSharp;

namespace SeqServe.Core.Runtime;

/// <summary>
/// Process-wide native tuning that TorchSharp's speed depends on; call <see cref="Configure"/> once at
/// start-up, before any other thread touches torch. The allocator decides most: tcmalloc (preloaded by
/// the launcher with LD_PRELOAD) is fastest; without it glibc's malloc is tuned in-process with
/// mallopt so large tensors stop being mmap'ed and unmapped on every step.
/// </summary>
public static class NativeRuntime
{
    private const int M_TRIM_THRESHOLD = -1, M_TOP_PAD = -2, M_MMAP_THRESHOLD = -3;
    private static readonly Lock Gate = new();
    private static RuntimeReport? applied;

    /// <summary>What was applied, for the start-up log and the health report.</summary>
    public sealed record RuntimeReport(string Allocator, int IntraOpThreads, int InterOpThreads);

    /// <summary>What <see cref="Configure"/> applied (null before it ran).</summary>
    public static RuntimeReport? Current => applied;

    public static RuntimeReport Configure(RuntimeSettings settings)
    {
        lock (Gate)
        {
            if (applied is not null) return applied;
            flushDenormals = settings.FlushDenormals;
            FlushDenormalsOnThisThread();
            var allocator = TcmallocLoaded() ? "tcmalloc (preloaded)"
                : settings.TuneMalloc && TryTuneGlibcMalloc() ? "glibc malloc, tuned with mallopt"
                : "glibc malloc, untuned";
            if (settings.IntraOpThreads > 0) torch.set_num_threads(settings.IntraOpThreads);
            if (settings.InterOpThreads > 0)
            {
                try { torch.set_num_interop_threads(settings.InterOpThreads); }
                catch (Exception) { /* already started by an earlier torch call: keep torch's value */ }
            }
            return applied = new RuntimeReport(allocator, torch.get_num_threads(), torch.get_num_interop_threads());
        }
    }

    private static volatile bool flushDenormals = true;

    /// <summary>
    /// Makes the CPU treat subnormal floats as zero on the calling thread (and on the intra-op threads torch
    /// starts from it later), unless <see cref="RuntimeSettings.FlushDenormals"/> turned it off. Training
    /// needs this: gradients fading through hundreds of recurrent steps become subnormal, and arithmetic on
    /// them is so slow that a 200-token BiLSTM step took 10–20× longer. Values below 1.2e-38 only change.
    /// Returns whether flushing is on for this thread.
    /// </summary>
    public static bool FlushDenormalsOnThisThread()
    {
        if (!flushDenormals) return false;
        try
        {
            return SetFlushDenormal(GlobalContext(), true);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at13globalContextEv")]
    private static extern IntPtr GlobalContext();

    [DllImport("libtorch_cpu", EntryPoint = "_ZN2at7Context16setFlushDenormalEb")]
    [return: MarshalAs(UnmanagedType.U1)]
    private static extern bool SetFlushDenormal(IntPtr context, [MarshalAs(UnmanagedType.U1)] bool on);

    public static bool TcmallocLoaded()
    {
        try
        {
            return OperatingSystem.IsLinux() && File.ReadLines("/proc/self/maps").Any(l => l.Contains("tcmalloc"));
        }
        catch (IOException) { return false; }
    }

    /// <summary>mmap threshold 32 MB, trim threshold 1 GB, top pad 256 MB (measured: ~1.4× faster steps).</summary>
    public static bool TryTuneGlibcMalloc()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            return mallopt(M_MMAP_THRESHOLD, 32 << 20) == 1
                   & mallopt(M_TRIM_THRESHOLD, 1 << 30) == 1
                   & mallopt(M_TOP_PAD, 256 << 20) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}

/// <summary>Torch threading and allocator knobs (section "Runtime").</summary>
public sealed class RuntimeSettings
{
    /// <summary>Intra-op threads for torch; 0 keeps torch's default (one per core).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 256)]
    public int IntraOpThreads { get; set; }
    /// <summary>Inter-op threads for torch; 0 keeps torch's default.</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 256)]
    public int InterOpThreads { get; set; } = 1;
    /// <summary>Tune glibc malloc with mallopt when tcmalloc is not preloaded.</summary>
    public bool TuneMalloc { get; set; } = true;
    /// <summary>Treat subnormal floats as zero on torch's CPU threads (see <see cref="NativeRuntime.FlushDenormalsOnThisThread"/>).</summary>
    public bool FlushDenormals { get; set; } = true;
}
