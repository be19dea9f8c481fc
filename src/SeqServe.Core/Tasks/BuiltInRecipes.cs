using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Sequence.CharMapping;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Sequence.SineCosine;

namespace SeqServe.Core.Tasks;

/// <summary>Every recipe this build ships. Add a task's recipe here with one line.</summary>
public static class BuiltInRecipes
{
    public static IReadOnlyList<IModelRecipe> All() =>
    [
        new SineCosineRecipe(),
        new CharMappingRecipe(),
        new Co2ForecastRecipe(),
        new ImdbSentimentRecipe(),
        new BrownPosRecipe(),
    ];
}
