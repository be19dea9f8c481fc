using SeqServe.Core.Serving;
using SeqServe.Core.Serving.TorchScript;
using static SeqServe.Api.Inference.Tensors.TensorModels;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>Forecasting one series: histories (FP32 [-1, -1], batch × steps) and the horizon (INT32 [1]) in; forecasts (FP32 [-1, -1], batch × horizon) out.</summary>
public sealed class ForecastTensors(IForecaster forecaster) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs { get; } = [Spec("history", TensorDatatypes.Fp32, -1, -1), Spec("horizon", TensorDatatypes.Int32, 1)];
    public IReadOnlyList<TensorSpec> Outputs { get; } = [Spec("forecast", TensorDatatypes.Fp32, -1, -1)];

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        var (batch, steps) = (call.Batch(inputs[0]), call.Steps(inputs[0], 1));
        if (steps < forecaster.MinHistory)
            throw new Core.Serving.ModelInputException("history", $"holds {steps} values per series; this model needs at least {forecaster.MinHistory}.");
        var horizon = Horizon(inputs[1], call.Limits.MaxHorizon);
        var histories = Rows((float[])inputs[0].Data, steps);
        var forecasts = await call.Submit(forecaster, histories.Select(h => new ForecastInput(h, horizon)).ToArray());
        return [new("forecast", TensorDatatypes.Fp32, [batch, horizon], forecasts.SelectMany(f => f).ToArray())];
    }

    /// <summary>The horizon input's one value, 1 to <paramref name="max"/>.</summary>
    public static int Horizon(NamedTensor tensor, int max)
    {
        var horizon = ((int[])tensor.Data)[0];
        if (horizon < 1 || horizon > max)
            throw new Core.Serving.ModelInputException("horizon", $"must be between 1 and {max} (Serving:MaxHorizon or the model's limit); got {horizon}.");
        return horizon;
    }
}
