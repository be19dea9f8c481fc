using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Forecasting;

/// <summary>
/// Teacher-forced next-step regression over windows of a transformed series of <c>features</c> values
/// per step (row-major: step t's values are z[t·features …]). The window starting at s reads steps
/// s … s+window−1 and learns to predict steps s+1 … s+window (MSE over every step and feature);
/// validation scores the last step of each validation window. Shared by the univariate (CO2) and
/// multivariate (weather) forecasters.
/// </summary>
public sealed class WindowedSeriesProblem(StepNetwork network, float[] z, int features, int window, int[] trainStarts, int[] validStarts)
    : ITrainingProblem
{
    public nn.Module Model => network;
    public int TrainCount => trainStarts.Length;

    public Tensor Loss(int[] batch)
    {
        var (x, y) = Windows([.. batch.Select(i => trainStarts[i])]);
        return nn.functional.mse_loss(network.call(x), y);
    }

    public ValidationResult Validate()
    {
        var (x, y) = Windows(validStarts);
        var last = network.call(x).select(1, window - 1);
        return new ValidationResult(nn.functional.mse_loss(last, y.select(1, window - 1)).item<float>());
    }

    private (Tensor X, Tensor Y) Windows(int[] starts)
    {
        var size = window * features;
        var x = new float[starts.Length * size];
        var y = new float[starts.Length * size];
        for (var b = 0; b < starts.Length; b++)
        {
            Array.Copy(z, starts[b] * features, x, b * size, size);
            Array.Copy(z, (starts[b] + 1) * features, y, b * size, size);
        }
        return (tensor(x, [starts.Length, window, features]), tensor(y, [starts.Length, window, features]));
    }
}
