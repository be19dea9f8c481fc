using SeqServe.Core.Modeling;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>
/// An MNIST split served as batches: pixels (kept as bytes) turned into [0, 1] floats of shape
/// (batch, rows, columns), optionally each image shifted by a random offset (training augmentation),
/// and int64 labels.
/// </summary>
public sealed class RowImages(MnistSplit split)
{
    public int Count => split.Count;

    /// <summary>
    /// The images at <paramref name="indices"/>. With <paramref name="shift"/>, each image moves by up to
    /// <paramref name="maxShift"/> pixels in each direction (zeros fill in): the digit changes place, not class.
    /// </summary>
    public (Tensor Rows, Tensor Labels) Batch(int[] indices, Random? shift = null, int maxShift = 0)
    {
        int rows = split.Rows, columns = split.Columns, size = split.ImageSize;
        var pixels = new float[indices.Length * size];
        for (var b = 0; b < indices.Length; b++)
        {
            var (dy, dx) = shift is null ? (0, 0) : (shift.Next(-maxShift, maxShift + 1), shift.Next(-maxShift, maxShift + 1));
            var source = indices[b] * size;
            for (var r = 0; r < rows; r++)
            {
                var sr = r - dy;
                if (sr < 0 || sr >= rows) continue;
                for (var c = 0; c < columns; c++)
                {
                    var sc = c - dx;
                    if (sc >= 0 && sc < columns) pixels[b * size + r * columns + c] = split.Pixels[source + sr * columns + sc] / 255f;
                }
            }
        }
        var labels = indices.Select(i => (long)split.Labels[i]).ToArray();
        return (tensor(pixels, [indices.Length, rows, columns]), tensor(labels, [indices.Length]));
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
            var (rows, target) = Batch([.. Enumerable.Range(start, Math.Min(chunk, Count - start))]);
            var logits = Logits(network, rows);
            lossSum += nn.functional.cross_entropy(logits, target, reduction: nn.Reduction.Sum).item<float>();
            correct += logits.argmax(1).eq(target).sum().item<long>();
        }
        return (lossSum / Count, (double)correct / Count);
    }
}
