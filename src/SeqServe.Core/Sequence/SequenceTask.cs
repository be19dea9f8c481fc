using SeqServe.Core.Sequence.CharGeneration;
using SeqServe.Core.Sequence.CharMapping;
using SeqServe.Core.Sequence.Forecasting;
using SeqServe.Core.Sequence.Mnist;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Sequence.Weather;
using SeqServe.Core.Tasks;

namespace SeqServe.Core.Sequence;

/// <summary>Sequence prediction: per-step regression, character mapping, forecasting, row-by-row classification and generation.</summary>
public static class SequenceTask
{
    public const string Name = "sequence";
    public static TaskRegistration Registration { get; } = new(Name,
    [
        new SineCosineRecipe(),
        new CharMappingRecipe(),
        new Co2ForecastRecipe(),
        new MnistRecipe(),
        new CharGenerationRecipe(),
        new WeatherForecastRecipe(),
    ]);
}
