using SeqServe.Core.Serving;
using SeqServe.Core.Serving.TorchScript;
using static SeqServe.Api.Inference.Tensors.TensorModels;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>Classifying a sequence (an image read row by row): rows (FP32 [-1, steps, features]) in; class probabilities (FP32 [-1, classes]) and the label (BYTES [-1]) out.</summary>
public sealed class ClassifyTensors(ISequenceClassifier classifier) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs { get; } = [Spec("rows", TensorDatatypes.Fp32, -1, classifier.Steps, classifier.Features)];
    public IReadOnlyList<TensorSpec> Outputs { get; } =
        [Spec("probabilities", TensorDatatypes.Fp32, -1, classifier.Labels.Count), Spec("label", TensorDatatypes.Bytes, -1)];

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        var batch = call.Batch(inputs[0]);
        var rows = Rows((float[])inputs[0].Data, classifier.Features);
        var images = Enumerable.Range(0, batch).Select(b => rows[(b * classifier.Steps)..((b + 1) * classifier.Steps)]).ToArray();
        foreach (var image in images) classifier.Validate(image);
        var results = await call.Submit(classifier, images);
        return
        [
            new("probabilities", TensorDatatypes.Fp32, [batch, classifier.Labels.Count], results.SelectMany(r => r.Probabilities).ToArray()),
            new("label", TensorDatatypes.Bytes, [batch], results.Select(r => r.Label).ToArray()),
        ];
    }
}
