using SeqServe.Api.Tasks;
using SeqServe.Core.Sentiment;

namespace SeqServe.Api.Predict;

internal sealed class SentimentEndpoints : ITaskEndpoints
{
    public string Task => SentimentTask.Name;
    public void Map(IEndpointRouteBuilder predictions) => predictions.MapSentimentApi();
}
