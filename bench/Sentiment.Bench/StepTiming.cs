using System.Diagnostics;
using SeqServe.Core.Modeling;
using SeqServe.Core.Sentiment;
using static TorchSharp.torch;

namespace SeqServe.Sentiment.Bench;

/// <summary>Times one training step (forward + backward + Adam) of the sentiment network for a few shapes.</summary>
internal static class StepTiming
{
    public static void Run()
    {
        foreach (var (cell, hidden, pooling, steps) in new[]
                 {
                     (CellKind.Gru, 64, "max", 256), (CellKind.Gru, 128, "max", 256), (CellKind.Lstm, 128, "max", 256),
                     (CellKind.Gru, 128, "last", 256), (CellKind.Lstm, 64, "max", 256),
                 })
        {
            manual_seed(1);
            using var net = new SentimentNetwork(new SentimentNetworkConfig
            {
                Vocabulary = 25_000, Pooling = pooling,
                Encoder = new RecurrentConfig { Cell = cell, Hidden = hidden, Bidirectional = true },
            });
            net.train();
            using var adam = optim.Adam(net.parameters(), 0.001);
            var times = new List<double>();
            for (var i = 0; i < 6; i++)
            {
                using var scope = NewDisposeScope();
                var ids = randint(2, 25_000, [64, steps]);
                var lengths = full([64], steps, ScalarType.Int64);
                var y = rand(64).round();
                var clock = Stopwatch.StartNew();
                adam.zero_grad();
                var loss = nn.functional.binary_cross_entropy_with_logits(net.call(ids, lengths), y);
                loss.backward();
                adam.step();
                if (i > 0) times.Add(clock.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{cell} h{hidden} {pooling} batch 64 x {steps}: {times.Average():F0} ms/step (min {times.Min():F0})");
        }
    }
}
