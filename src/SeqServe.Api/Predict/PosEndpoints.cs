using SeqServe.Api.Tasks;
using SeqServe.Core.Pos;

namespace SeqServe.Api.Predict;

internal sealed class PosEndpoints : ITaskEndpoints
{
    public string Task => PosTask.Name;
    public void Map(IEndpointRouteBuilder predictions) => predictions.MapPosApi();
}
