using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Mnist;

/// <summary>What a row classifier expects: steps × features values in [0, 1], and its class names.</summary>
public sealed record ClassifierPreprocessing(int Steps, int Features, string Scale, IReadOnlyList<string> Labels);

/// <summary>A loaded MNIST row classifier: immutable, used by many requests at once.</summary>
public sealed class RowClassifier(StepNetwork network, ClassifierPreprocessing preprocessing) : ServedNetwork(network), ISequenceClassifier
{
    public static readonly ClassifierPreprocessing DigitPreprocessing =
        new(28, 28, "pixel / 255, ink light on dark (MNIST)", [.. Enumerable.Range(0, 10).Select(d => d.ToString())]);

    public const string ServedKind = "classify";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["classify"];
    public int Steps => preprocessing.Steps;
    public int Features => preprocessing.Features;
    public IReadOnlyList<string> Labels => preprocessing.Labels;

    public Classification Classify(float[][] rows)
    {
        Validate(rows);
        return Run([rows])[0];
    }

    public void Validate(float[][] rows) => Flatten(rows);

    /// <summary>A PNG of any size framed the way MNIST digits were (<see cref="DigitImage"/>).</summary>
    public float[][] ReadImage(byte[] image) => DigitImage.ToRows(image, Steps, Features);

    public object? GroupOf(float[][] input) => null;
    public int LengthOf(float[][] input) => Steps;

    /// <summary>Classifies validated images in one pass.</summary>
    public Classification[] Run(IReadOnlyList<float[][]> inputs)
    {
        var flat = inputs.SelectMany(Flatten).ToArray();
        var classes = Labels.Count;
        var probabilities = Inference.Run(() =>
        {
            var input = tensor(flat, [inputs.Count, Steps, Features]);
            return nn.functional.softmax(RowImages.Logits(network, input), 1).data<float>().ToArray();
        });
        return [.. Enumerable.Range(0, inputs.Count).Select(b =>
        {
            var p = probabilities.AsSpan(b * classes, classes).ToArray();
            return new Classification(Labels[Array.IndexOf(p, p.Max())], p);
        })];
    }

    public void WarmUp() => Classify([.. Enumerable.Range(0, Steps).Select(_ => new float[Features])]);

    private float[] Flatten(float[][] rows)
    {
        if (rows is null || rows.Length != Steps)
            throw new ModelInputException("rows", $"expected {Steps} rows, got {rows?.Length ?? 0}.");
        var flat = new float[Steps * Features];
        for (var r = 0; r < Steps; r++)
        {
            if (rows[r] is not { } row || row.Length != Features)
                throw new ModelInputException($"rows[{r}]", $"expected {Features} values, got {rows[r]?.Length ?? 0}.");
            for (var c = 0; c < Features; c++)
            {
                var v = row[c];
                if (!(v >= 0f && v <= 1f))
                    throw new ModelInputException($"rows[{r}][{c}]", $"values must be between 0 and 1 (got {v}).");
                flat[r * Features + c] = v;
            }
        }
        return flat;
    }
}
