using SeqServe.Core.Serving;
using SeqServe.Core.Sequence.Weather;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sequence;

public class WeatherForecastTests
{
    [Fact]
    public void The_csv_holds_1461_consecutive_days_of_four_features()
    {
        var series = SeattleWeather.Load(RecipeRunner.Packages);
        Assert.Equal(1461, series.Rows.Length);
        Assert.Equal(new DateOnly(2012, 1, 1), series.Start);
        Assert.Equal(new DateOnly(2015, 12, 31), series.DayAt(1460));
        Assert.Equal(new[] { 10.9f, 10.6f, 2.8f, 4.5f }, series.Rows[1]);
    }

    [Fact]
    public void A_small_job_forecasts_every_feature_and_reports_baselines()
    {
        using var dir = new TempDir();
        var spec = new JobSpec
        {
            Task = "sequence", Dataset = "seattle-weather",
            Architecture = new ArchitectureSpec { Hidden = 12, Window = 14 },
            Training = new TrainingSpec { Epochs = 3, BatchSize = 64, LearningRate = 0.01 },
        };
        var (manifest, served, versionDir) = RecipeRunner.TrainAndLoad(new WeatherForecastRecipe(), spec, dir.Path);

        Assert.Equal(new Dictionary<string, int> { ["days"] = 1461, ["train"] = 1169, ["validation"] = 146, ["test"] = 146 },
            manifest.Dataset.Counts);
        Assert.Equal("seasonal-naive", manifest.Baseline);
        foreach (var key in new[] { "testRmse", "baselineRmse", "persistenceRmse", "testRmse_wind", "baselineRmse_precipitation" })
            Assert.True(manifest.Metrics[key] is > 0 and < 30, $"{key} = {manifest.Metrics[key]}");

        var forecaster = Assert.IsAssignableFrom<IMultivariateForecaster>(served);
        forecaster.WarmUp();
        var series = SeattleWeather.Load(RecipeRunner.Packages);
        var forecast = forecaster.Forecast(series.Rows[^60..], 5);
        Assert.Equal(5, forecast.Length);
        Assert.All(forecast, row => Assert.Equal(4, row.Length));
        Assert.All(forecast, row => Assert.True(row[0] >= 0 && row[3] >= 0, "precipitation and wind are never negative"));
        Assert.Equal("temp_max", forecaster.DefaultTarget);

        var reloaded = (IMultivariateForecaster)new WeatherForecastRecipe().Load(manifest, versionDir);
        Assert.Equal(forecast, reloaded.Forecast(series.Rows[^60..], 5));

        Assert.Equal("horizon", Assert.Throws<ModelInputException>(() => forecaster.Forecast(series.Rows[^60..], 61)).Field);
        Assert.Equal("horizon", Assert.Throws<ModelInputException>(() => forecaster.Forecast(series.Rows[^60..], 0)).Field);
        Assert.Equal("history", Assert.Throws<ModelInputException>(() => forecaster.Forecast(series.Rows[^3..], 2)).Field);
        var narrow = series.Rows[^10..].Select(r => r[..3]).ToArray();
        Assert.Equal("history[0]", Assert.Throws<ModelInputException>(() => forecaster.Forecast(narrow, 2)).Field);
    }
}
