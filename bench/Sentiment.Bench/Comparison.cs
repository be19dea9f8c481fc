using SeqServe.Core.Data;
using SeqServe.Core.Sentiment;

namespace SeqServe.Sentiment.Bench;

internal static class Comparison
{
    public static Task<int> Run(ImdbSentimentRecipe recipe, PackageCache cache, string modelsRoot) => Task.FromResult(0);
}
