using SeqServe.Api.Sessions;
using SeqServe.Api.Tasks;
using SeqServe.Core.Sequence;

namespace SeqServe.Api.Predict;

/// <summary>Per-step prediction, mapping and forecasting; classification; generation; stateful sessions.</summary>
internal sealed class SequenceEndpoints : ITaskEndpoints
{
    public string Task => SequenceTask.Name;

    public void Map(IEndpointRouteBuilder predictions)
    {
        predictions.MapSequenceApi();
        predictions.MapClassifyApi();
        predictions.MapGenerateApi();
        predictions.MapSessionsApi();
    }
}
