using SeqServe.Core.Serving;
using SeqServe.Core.Serving.TorchScript;
using static SeqServe.Api.Inference.Tensors.TensorModels;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>Character mapping: texts (BYTES [-1]) in; the mapped texts, each as long as its input (BYTES [-1]), out.</summary>
public sealed class MapTensors(ISequenceMapper mapper) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs { get; } = [Spec("text", TensorDatatypes.Bytes, -1)];
    public IReadOnlyList<TensorSpec> Outputs { get; } = [Spec("mapped", TensorDatatypes.Bytes, -1)];

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        var texts = call.Texts(inputs[0]);
        foreach (var text in texts) mapper.Validate(text);
        var mapped = await call.Submit(mapper, texts);
        return [new("mapped", TensorDatatypes.Bytes, [mapped.Length], mapped)];
    }
}
