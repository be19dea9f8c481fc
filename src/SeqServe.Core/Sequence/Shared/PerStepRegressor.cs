using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.Shared;

/// <summary>
/// Serves a <see cref="StepNetwork"/> that maps every input step (a feature vector) to one number, either a
/// whole sequence at a time or, in a stateful session, a few steps at a time with the state kept by the caller.
/// </summary>
public sealed class PerStepRegressor(StepNetwork network) : ServedNetwork(network), IPerStepPredictor, IStatefulStepper
{
    public const string ServedKind = "per-step";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["predict", "sessions"];
    public int InputFeatures => network.Config.Encoder.InputSize;

    public void Validate(float[][][] inputs)
    {
        if (inputs.Length == 0) throw new ModelInputException("inputs", "needs at least one sequence.");
        var steps = inputs[0].Length;
        foreach (var sequence in inputs)
        {
            if (sequence.Length != steps)
                throw new ModelInputException("inputs", "all sequences in one request must have the same number of steps.");
            foreach (var step in sequence)
                if (step.Length != InputFeatures)
                    throw new ModelInputException("inputs", $"every step needs {InputFeatures} feature(s), got {step.Length}.");
        }
    }

    public object? GroupOf(float[][] input) => input.Length;
    public int LengthOf(float[][] input) => input.Length;
    public float[][] Run(IReadOnlyList<float[][]> inputs) => Predict([.. inputs]);

    public float[][] Predict(float[][][] inputs)
    {
        Validate(inputs);
        var batch = inputs.Length;
        var steps = inputs[0].Length;
        var flat = new float[batch * steps * InputFeatures];
        var k = 0;
        foreach (var sequence in inputs)
            foreach (var step in sequence)
            {
                step.CopyTo(flat, k);
                k += InputFeatures;
            }

        var output = Inference.Run(() =>
            network.call(tensor(flat, [batch, steps, InputFeatures])).select(2, 0).contiguous().data<float>().ToArray());
        return Enumerable.Range(0, batch).Select(b => output[(b * steps)..((b + 1) * steps)]).ToArray();
    }

    public (float[] Outputs, StepperState State) Step(float[][] inputs, StepperState? state)
    {
        if (inputs is null || inputs.Length == 0)
            throw new ModelInputException("inputs", "needs at least one step.");
        var flat = new float[inputs.Length * InputFeatures];
        for (var i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is not { } step || step.Length != InputFeatures)
                throw new ModelInputException($"inputs[{i}]", $"every step needs {InputFeatures} feature(s), got {inputs[i]?.Length ?? 0}.");
            if (step.Any(v => !float.IsFinite(v)))
                throw new ModelInputException($"inputs[{i}]", "values must be finite numbers.");
            step.CopyTo(flat, i * InputFeatures);
        }
        return Inference.Run(() =>
        {
            var (y, next) = network.Run(tensor(flat, [1, inputs.Length, InputFeatures]), state?.Recurrent);
            return (y[0].select(1, 0).contiguous().data<float>().ToArray(), new StepperState(next.Keep()));
        });
    }

    public void WarmUp() => Predict([[[.. new float[InputFeatures]], [.. new float[InputFeatures]]]]);
}
