using Microsoft.Extensions.Hosting;
using SeqServe.Worker.Hosting;
using SeqServe.Worker.Cli;

namespace SeqServe.Worker;

/// <summary>
/// The stand-alone training worker (runs jobs from the shared job store), and the <c>train</c>
/// command that trains one model straight into the checkpoint store.
/// </summary>
public static class WorkerProgram
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "train") return TrainCommand.Run(args[1..]);
        var builder = Host.CreateApplicationBuilder(args);
        builder.AddSeqServeWorkerHost();
        builder.Build().Run();
        return 0;
    }
}
