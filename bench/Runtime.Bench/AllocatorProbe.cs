using System.Diagnostics;
using SeqServe.Core.Modeling;
using SeqServe.Core.Runtime;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SeqServe.Bench.Runtime;

/// <summary>Times the classic IMDB-sized BiLSTM in this process, under whatever allocator it runs with.</summary>
public static class AllocatorProbe
{
    public sealed record Result(string Allocator, double TrainStepMs, double Forward32Ms, double Forward128Ms);

    private sealed class Classifier : nn.Module<Tensor, Tensor>
    {
        private readonly Embedding embedding = nn.Embedding(10_000, 100);
        private readonly RecurrentEncoder encoder = new(new RecurrentConfig
            { Cell = CellKind.Lstm, InputSize = 100, Hidden = 256, Layers = 2, Bidirectional = true, Dropout = 0.5 });
        private readonly Linear head = nn.Linear(512, 1);

        public Classifier() : base(nameof(Classifier)) => RegisterComponents();

        public override Tensor forward(Tensor tokens)
        {
            var (_, state) = encoder.Run(embedding.call(tokens));
            return head.call(encoder.FinalHidden(state.H)).squeeze(1);
        }
    }

    public static Result Measure(string mode, int steps)
    {
        var report = NativeRuntime.Configure(new RuntimeSettings { TuneMalloc = mode == "mallopt" });
        manual_seed(1);
        using var model = new Classifier();
        using var optimizer = optim.Adam(model.parameters(), 1e-3);

        double Time(Action step)
        {
            for (var i = 0; i < 2; i++) step();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < steps; i++) step();
            return clock.Elapsed.TotalMilliseconds / steps;
        }

        model.train();
        var train = Time(() =>
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            var loss = nn.functional.binary_cross_entropy_with_logits(model.call(randint(0, 10_000, [32, 200])), rand(32));
            loss.backward();
            optimizer.step();
        });
        model.eval();
        double Forward(int batch) => Time(() =>
        {
            using var scope = NewDisposeScope();
            using var mode = inference_mode();
            model.call(randint(0, 10_000, [batch, 200]));
        });
        return new Result(report.Allocator, train, Forward(32), Forward(128));
    }
}
