using SeqServe.Core.Serving;
using SeqServe.Core.Serving.TorchScript;
using static SeqServe.Api.Inference.Tensors.TensorModels;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>Per-step prediction: sequences (FP32 [-1, -1, features], batch × steps × features) in; one output per step (FP32 [-1, -1]) out.</summary>
public sealed class PerStepTensors(IPerStepPredictor predictor) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs { get; } = [Spec("input", TensorDatatypes.Fp32, -1, -1, predictor.InputFeatures)];
    public IReadOnlyList<TensorSpec> Outputs { get; } = [Spec("output", TensorDatatypes.Fp32, -1, -1)];

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        var (batch, steps) = (call.Batch(inputs[0]), call.Steps(inputs[0], 1));
        var rows = Rows((float[])inputs[0].Data, predictor.InputFeatures);
        var sequences = Enumerable.Range(0, batch).Select(b => rows[(b * steps)..((b + 1) * steps)]).ToArray();
        predictor.Validate(sequences);
        var outputs = await call.Submit(predictor, sequences);
        return [new("output", TensorDatatypes.Fp32, [batch, steps], outputs.SelectMany(o => o).ToArray())];
    }
}
