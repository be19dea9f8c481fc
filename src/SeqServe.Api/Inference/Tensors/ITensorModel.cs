using SeqServe.Api.Hosting;
using SeqServe.Core.Serving;
using SeqServe.Core.Serving.Batching;
using SeqServe.Core.Serving.TorchScript;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>
/// A served model seen as the Open Inference Protocol sees it: named input and output tensors of fixed
/// datatypes and shapes (-1: any size). <see cref="InferAsync"/> takes exactly what <see cref="Inputs"/>
/// declares (already checked) and answers exactly what <see cref="Outputs"/> declares, through the batcher.
/// </summary>
public interface ITensorModel
{
    IReadOnlyList<TensorSpec> Inputs { get; }
    IReadOnlyList<TensorSpec> Outputs { get; }

    /// <summary><paramref name="inputs"/> in the order of <see cref="Inputs"/>; throws <see cref="ModelInputException"/> for values the model cannot take.</summary>
    Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call);
}

/// <summary>Where a call runs: the shared batcher, the model version that answers, the serving limits.</summary>
public sealed record TensorCall(InferenceScheduler Scheduler, string Model, string Version, ServingOptions Limits, CancellationToken Cancel)
{
    public Task<TOut[]> Submit<TIn, TOut>(IBatchKernel<TIn, TOut> kernel, IReadOnlyList<TIn> items) =>
        Scheduler.Submit(Model, Version, kernel, items, Cancel);

    /// <summary>The first dimension of <paramref name="tensor"/> as a batch of at most Serving:MaxBatch items.</summary>
    public int Batch(NamedTensor tensor)
    {
        if (tensor.Shape[0] > Limits.MaxBatch)
            throw new ModelInputException(tensor.Name, $"holds {tensor.Shape[0]} items; the limit is {Limits.MaxBatch} (Serving:MaxBatch).");
        return (int)tensor.Shape[0];
    }

    /// <summary>A dimension of steps, at most Serving:MaxSteps.</summary>
    public int Steps(NamedTensor tensor, int dimension)
    {
        if (tensor.Shape[dimension] > Limits.MaxSteps)
            throw new ModelInputException(tensor.Name, $"has {tensor.Shape[dimension]} steps; the limit is {Limits.MaxSteps} (Serving:MaxSteps).");
        return (int)tensor.Shape[dimension];
    }

    /// <summary>Texts of a BYTES tensor, each non-empty and at most Serving:MaxTextLength characters.</summary>
    public string[] Texts(NamedTensor tensor)
    {
        Batch(tensor);
        var texts = (string[])tensor.Data;
        for (var i = 0; i < texts.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(texts[i])) throw new ModelInputException($"{tensor.Name}[{i}]", "must be a non-empty text.");
            if (texts[i].Length > Limits.MaxTextLength)
                throw new ModelInputException($"{tensor.Name}[{i}]", $"has {texts[i].Length} characters; the limit is {Limits.MaxTextLength} (Serving:MaxTextLength).");
        }
        return texts;
    }
}

/// <summary>The tensor form of each kind of served model; null for kinds that have none (generation, stateful stepping).</summary>
public static class TensorModels
{
    public static ITensorModel? For(IServedModel served) => served switch
    {
        TorchScriptModel torchScript => new TorchScriptTensors(torchScript),
        Core.Sentiment.ISentimentScorer scorer => new SentimentTensors(scorer),
        Core.Pos.IPosTagger tagger => new PosTensors(tagger),
        IPerStepPredictor predictor => new PerStepTensors(predictor),
        IMultivariateForecaster forecaster => new MultivariateForecastTensors(forecaster),
        IForecaster forecaster => new ForecastTensors(forecaster),
        ISequenceClassifier classifier => new ClassifyTensors(classifier),
        ISequenceMapper mapper => new MapTensors(mapper),
        _ => null,
    };

    /// <summary>Splits a row-major <paramref name="data"/> into rows of <paramref name="width"/>.</summary>
    public static float[][] Rows(float[] data, int width) =>
        [.. Enumerable.Range(0, data.Length / width).Select(r => data.AsSpan(r * width, width).ToArray())];

    public static TensorSpec Spec(string name, string datatype, params long[] shape) => new(name, datatype, shape);
}
