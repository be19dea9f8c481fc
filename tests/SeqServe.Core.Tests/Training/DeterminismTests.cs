using SeqServe.Core.Checkpoints;
using SeqServe.Core.Sequence.SineCosine;
using SeqServe.Core.Training;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Training;

public class DeterminismTests
{
    private static string WeightsHash(int seed)
    {
        using var dir = new TempDir();
        var spec = new JobSpec { Training = new TrainingSpec { Epochs = 2, MaxExamples = 64, Seed = seed } };
        var (manifest, _, _) = RecipeRunner.TrainAndLoad(new SineCosineRecipe(), spec, dir.Path);
        return manifest.Files[CheckpointStore.WeightsFile];
    }

    [Fact]
    public void Same_seed_and_data_give_identical_weights_and_another_seed_does_not()
    {
        var first = WeightsHash(seed: 11);
        Assert.Equal(first, WeightsHash(seed: 11));
        Assert.NotEqual(first, WeightsHash(seed: 12));
    }
}
