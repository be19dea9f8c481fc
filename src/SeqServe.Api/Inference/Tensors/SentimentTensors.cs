using SeqServe.Core.Sentiment;
using SeqServe.Core.Serving.TorchScript;
using static SeqServe.Api.Inference.Tensors.TensorModels;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>Sentiment: texts in (BYTES [-1]); p(positive) (FP32 [-1]) and the label (BYTES [-1]) out.</summary>
public sealed class SentimentTensors(ISentimentScorer scorer) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs { get; } = [Spec("text", TensorDatatypes.Bytes, -1)];
    public IReadOnlyList<TensorSpec> Outputs { get; } = [Spec("score", TensorDatatypes.Fp32, -1), Spec("label", TensorDatatypes.Bytes, -1)];

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        var texts = call.Texts(inputs[0]);
        var prepared = texts.Select((t, i) => scorer.Prepare(t, $"text[{i}]")).ToArray();
        var scores = await call.Submit(scorer, prepared);
        long[] shape = [scores.Length];
        return [new("score", TensorDatatypes.Fp32, shape, scores), new("label", TensorDatatypes.Bytes, shape, scores.Select(s => SentimentResult.Of(s).Label).ToArray())];
    }
}
