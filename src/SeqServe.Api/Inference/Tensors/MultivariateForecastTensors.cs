using SeqServe.Core.Serving;
using SeqServe.Core.Serving.TorchScript;
using static SeqServe.Api.Inference.Tensors.TensorModels;

namespace SeqServe.Api.Inference.Tensors;

/// <summary>
/// Forecasting several features per step: histories (FP32 [-1, -1, features]) and the horizon (INT32 [1]) in;
/// every feature's forecast rows (FP32 [-1, -1, features], batch × horizon × features) out.
/// </summary>
public sealed class MultivariateForecastTensors(IMultivariateForecaster forecaster) : ITensorModel
{
    public IReadOnlyList<TensorSpec> Inputs { get; } =
        [Spec("history", TensorDatatypes.Fp32, -1, -1, forecaster.Features.Count), Spec("horizon", TensorDatatypes.Int32, 1)];
    public IReadOnlyList<TensorSpec> Outputs { get; } = [Spec("forecast", TensorDatatypes.Fp32, -1, -1, forecaster.Features.Count)];

    public async Task<NamedTensor[]> InferAsync(NamedTensor[] inputs, TensorCall call)
    {
        var (batch, steps) = (call.Batch(inputs[0]), call.Steps(inputs[0], 1));
        var horizon = ForecastTensors.Horizon(inputs[1], Math.Min(call.Limits.MaxHorizon, forecaster.MaxHorizon));
        var rows = Rows((float[])inputs[0].Data, forecaster.Features.Count);
        var items = Enumerable.Range(0, batch).Select(b => new MultivariateInput(rows[(b * steps)..((b + 1) * steps)], horizon)).ToArray();
        foreach (var item in items) forecaster.Validate(item.History, horizon);
        var forecasts = await call.Submit(forecaster, items);
        return [new("forecast", TensorDatatypes.Fp32, [batch, horizon, forecaster.Features.Count], forecasts.SelectMany(f => f.SelectMany(r => r)).ToArray())];
    }
}
