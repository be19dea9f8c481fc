using SeqServe.Core.Pos;
using SeqServe.Core.Serving.TorchScript;
using static SeqServe.Api.Inference.Tensors.TensorModels;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>
/// POS tagging: raw sentences in (BYTES [-1]); per sentence its tokens, tags and confidences, padded to the
/// longest sentence with "" and 0 (BYTES/FP32 [-1, -1]), and its token count (INT32 [-1]).
/// </summary>
public sealed class PosTensors(IPosTagger tagger) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs { get; } = [Spec("text", TensorDatatypes.Bytes, -1)];
    public IReadOnlyList<TensorSpec> Outputs { get; } =
    [
        Spec("tokens", TensorDatatypes.Bytes, -1, -1), Spec("tags", TensorDatatypes.Bytes, -1, -1),
        Spec("confidence", TensorDatatypes.Fp32, -1, -1), Spec("length", TensorDatatypes.Int32, -1),
    ];

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        var texts = call.Texts(inputs[0]);
        var limits = new PosLimits { MaxSentences = call.Limits.MaxBatch, MaxTokens = call.Limits.MaxSteps, MaxTextLength = call.Limits.MaxTextLength };
        var prepared = texts.Select((t, i) => tagger.PrepareSentence(t, $"text[{i}]", limits)).ToArray();
        var tagged = await call.Submit(tagger, prepared);
        var width = tagged.Max(t => t.Length);
        long[] shape = [tagged.Length, width];
        string[] Padded(Func<TaggedToken, string> pick) =>
            [.. tagged.SelectMany(t => t.Select(pick).Concat(Enumerable.Repeat("", width - t.Length)))];
        return
        [
            new("tokens", TensorDatatypes.Bytes, shape, Padded(t => t.Text)),
            new("tags", TensorDatatypes.Bytes, shape, Padded(t => t.Tag)),
            new("confidence", TensorDatatypes.Fp32, shape, tagged.SelectMany(t => t.Select(x => x.Confidence).Concat(Enumerable.Repeat(0f, width - t.Length))).ToArray()),
            new("length", TensorDatatypes.Int32, [tagged.Length], tagged.Select(t => t.Length).ToArray()),
        ];
    }
}
