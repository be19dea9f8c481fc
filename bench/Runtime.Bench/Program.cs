using System.Diagnostics;
using System.Text.Json;
using SeqServe.Bench.Runtime;

// Allocator benchmark: the same BiLSTM training step and batch-32 forward under glibc malloc (default),
// glibc malloc tuned with mallopt, and tcmalloc (LD_PRELOAD). The allocator is process-wide, so each
// setting runs in its own child process of this program; figures are printed as ratios to the
// default in one run. Usage: ./seqserve bench runtime [--steps N]
if (args.Length > 0 && args[0] == "--child")
{
    Console.WriteLine(JsonSerializer.Serialize(AllocatorProbe.Measure(args[1], int.Parse(args[2]))));
    return 0;
}

var steps = args.Length > 1 && args[0] == "--steps" ? int.Parse(args[1]) : 5;
var tcmalloc = FindTcmalloc();
var settings = new List<(string Name, string Mode, string? Preload)>
{
    ("glibc malloc (default)", "default", null),
    ("glibc malloc + mallopt", "mallopt", null),
};
if (tcmalloc is not null) settings.Add(("tcmalloc", "default", tcmalloc));
else Console.WriteLine("tcmalloc not found (apt-get install libtcmalloc-minimal4): measuring glibc only.");

Console.WriteLine($"BiLSTM (vocab 10000, embedding 100, 2 layers x 256 bidirectional, seq 200), {steps} timed steps after 2 warm-up steps; OMP_NUM_THREADS={Environment.GetEnvironmentVariable("OMP_NUM_THREADS") ?? "unset"}");
var results = new List<(string Name, AllocatorProbe.Result R)>();
foreach (var (name, mode, preload) in settings)
{
    var info = new ProcessStartInfo(Environment.ProcessPath!, [typeof(AllocatorProbe).Assembly.Location, "--child", mode, steps.ToString()])
    { RedirectStandardOutput = true, UseShellExecute = false };
    if (Environment.ProcessPath!.EndsWith("Runtime.Bench", StringComparison.Ordinal)) info.ArgumentList.RemoveAt(0);
    info.Environment["LD_PRELOAD"] = preload ?? "";
    using var child = Process.Start(info)!;
    var output = child.StandardOutput.ReadToEnd();
    child.WaitForExit();
    var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last();
    results.Add((name, JsonSerializer.Deserialize<AllocatorProbe.Result>(line)!));
}

var baseline = results[0].R;
Console.WriteLine();
Console.WriteLine($"{"allocator",-26} {"train step b32 (ms)",20} {"vs default",11} {"forward b32 (ms)",17} {"vs default",11} {"forward b128 (ms)",18} {"vs default",11}");
foreach (var (name, r) in results)
    Console.WriteLine($"{name,-26} {r.TrainStepMs,20:F0} {baseline.TrainStepMs / r.TrainStepMs,10:F2}x {r.Forward32Ms,17:F0} {baseline.Forward32Ms / r.Forward32Ms,10:F2}x {r.Forward128Ms,18:F0} {baseline.Forward128Ms / r.Forward128Ms,10:F2}x   ({r.Allocator})");
return 0;

static string? FindTcmalloc()
{
    foreach (var dir in new[] { "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib" })
    {
        var path = Path.Combine(dir, "libtcmalloc_minimal.so.4");
        if (File.Exists(path)) return path;
    }
    return null;
}
