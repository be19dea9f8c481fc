using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Sequence.CharGeneration;
using SeqServe.Core.Sequence.CharMapping;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Sequence.Mnist;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Sequence.Weather;

namespace SeqServe.Core.Tasks;

/// <summary>Every recipe this build ships. Add a task's recipe here with one line.</summary>
public static class BuiltInRecipes
{
    public static IReadOnlyList<IModelRecipe> All() =>
    [
        new SineCosineRecipe(),
        new CharMappingRecipe(),
        new Co2ForecastRecipe(),
        new MnistRecipe(),
        new CharGenerationRecipe(),
        new WeatherForecastRecipe(),
        new ImdbSentimentRecipe(),
        new BrownPosRecipe(),
    ];
}
