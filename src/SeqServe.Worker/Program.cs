using SeqServe.Worker.Cli;

namespace SeqServe.Worker;

/// <summary>
/// The training command line: <c>train</c> trains one model straight into the checkpoint store. A
/// training worker node is the server run with <c>Hosting:Role=worker</c> (<c>./seqserve worker</c>).
/// </summary>
public static class WorkerProgram
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "train") return TrainCommand.Run(args[1..]);
        Console.Error.WriteLine("usage: SeqServe.Worker train --dataset NAME [--model NAME] [--spec spec.json] [--no-promote]");
        Console.Error.WriteLine("A training worker node is the server with --Hosting:Role worker (./seqserve worker).");
        return 2;
    }
}
