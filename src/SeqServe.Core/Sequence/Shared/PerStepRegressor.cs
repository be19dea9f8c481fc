using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Shared;

/// <summary>Serves a <see cref="StepNetwork"/> that maps every input step (a feature vector) to one number.</summary>
public sealed class PerStepRegressor(StepNetwork network) : IPerStepPredictor
{
    public string Kind => "per-step";
    public IReadOnlyList<string> Operations { get; } = ["predict"];
    public int InputFeatures => network.Config.Encoder.InputSize;

    public float[][] Predict(float[][][] inputs)
    {
        var batch = inputs.Length;
        var steps = inputs[0].Length;
        var flat = new float[batch * steps * InputFeatures];
        var k = 0;
        foreach (var sequence in inputs)
        {
            if (sequence.Length != steps)
                throw new ModelInputException("inputs", "all sequences in one request must have the same number of steps.");
            foreach (var step in sequence)
            {
                if (step.Length != InputFeatures)
                    throw new ModelInputException("inputs", $"every step needs {InputFeatures} feature(s), got {step.Length}.");
                step.CopyTo(flat, k);
                k += InputFeatures;
            }
        }

        var output = Inference.Run(() =>
            network.call(tensor(flat, [batch, steps, InputFeatures])).select(2, 0).contiguous().data<float>().ToArray());
        return Enumerable.Range(0, batch).Select(b => output[(b * steps)..((b + 1) * steps)]).ToArray();
    }

    public void WarmUp() => Predict([[[.. new float[InputFeatures]], [.. new float[InputFeatures]]]]);
}
