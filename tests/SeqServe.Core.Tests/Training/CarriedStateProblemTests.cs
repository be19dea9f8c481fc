using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Training;

public class CarriedStateProblemTests
{
    /// <summary>Window by window with the state carried computes exactly what one pass over the whole stream does.</summary>
    [Fact]
    public void Each_window_starts_from_the_state_the_previous_one_ended_with()
    {
        torch.manual_seed(11);
        using var network = new StepNetwork(new StepNetworkConfig
        {
            Encoder = new RecurrentConfig { Cell = CellKind.Lstm, Hidden = 6, Layers = 2, InputSize = 1 },
            Outputs = 1,
        });
        network.eval();
        using var x = randn(3, 30, 1);
        using var y = randn(3, 30, 1);
        using var streams = new StreamWindows(x.clone(), y.clone(), window: 10);
        using var problem = new CarriedStateProblem(network, streams, (o, t) => nn.functional.mse_loss(o, t), () => new ValidationResult(0));

        using var _ = no_grad();
        using var whole = network.call(x);
        problem.BeginEpoch();
        var batches = ((ITrainingProblem)problem).EpochBatches(new Random(1), 3).ToList();
        Assert.Equal(3, batches.Count);
        for (var w = 0; w < batches.Count; w++)
        {
            using var scope = NewDisposeScope();
            var carried = problem.Loss(batches[w]).item<float>();
            var expected = nn.functional.mse_loss(whole.narrow(1, w * 10, 10), y.narrow(1, w * 10, 10)).item<float>();
            var fresh = nn.functional.mse_loss(network.call(x.narrow(1, w * 10, 10)), y.narrow(1, w * 10, 10)).item<float>();
            Assert.Equal(expected, carried, 5);
            if (w > 0) Assert.NotEqual(expected, fresh, 5); // a zero start state would give something else
        }

        problem.BeginEpoch(); // a new epoch starts from a zero state again
        using var first = problem.Loss(batches[0]);
        Assert.Equal(nn.functional.mse_loss(whole.narrow(1, 0, 10), y.narrow(1, 0, 10)).item<float>(), first.item<float>(), 5);
    }
}
