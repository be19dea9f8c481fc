using SeqServe.Core.Serving.TorchScript;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>A TorchScript model: its signature's inputs, its outputs as learnt at load; one request is one batch item.</summary>
public sealed class TorchScriptTensors(TorchScriptModel model) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs => model.Inputs;
    public IReadOnlyList<TensorSpec> Outputs => model.Outputs;

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        if (model.Signature.BatchFirst) call.Batch(inputs[0]);
        model.Validate(inputs);
        return (await call.Submit(model, [inputs]))[0];
    }
}
