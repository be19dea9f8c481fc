using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>
/// An MNIST split held as tensors: pixels as bytes (N, rows, columns) — a quarter of the memory of
/// floats — turned into [0, 1] floats batch by batch, and labels as int64.
/// </summary>
public sealed class RowImages : IDisposable
{
    private readonly Tensor pixels;
    private readonly Tensor labels;

    public int Count { get; }

    public RowImages(MnistSplit split)
    {
        Count = split.Count;
        pixels = tensor(split.Pixels, [split.Count, split.Rows, split.Columns], dtype: ScalarType.Byte);
        labels = tensor(split.Labels.Select(l => (long)l).ToArray(), [split.Count]);
    }

    public (Tensor Rows, Tensor Labels) Batch(int[] indices)
    {
        using var index = tensor(indices.Select(i => (long)i).ToArray());
        return (pixels.index_select(0, index).to_type(ScalarType.Float32).div_(255f), labels.index_select(0, index));
    }

    /// <summary>Logits for every image (the network reads rows as steps; the last step's output classifies).</summary>
    public static Tensor Logits(StepNetwork network, Tensor rows) => network.Run(rows).Outputs.select(1, -1);

    /// <summary>Mean cross-entropy and accuracy over the whole split, in chunks (call under no_grad).</summary>
    public (double Loss, double Accuracy) Evaluate(StepNetwork network, int chunk = 1000)
    {
        double lossSum = 0;
        long correct = 0;
        for (var start = 0; start < Count; start += chunk)
        {
            using var scope = NewDisposeScope();
            var indices = Enumerable.Range(start, Math.Min(chunk, Count - start)).ToArray();
            var (rows, target) = Batch(indices);
            var logits = Logits(network, rows);
            lossSum += nn.functional.cross_entropy(logits, target, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(target).sum().item<long>();
        }
        return (lossSum / Count, (double)correct / Count);
    }

    public void Dispose()
    {
        pixels.Dispose();
        labels.Dispose();
    }
}
