using SeqServe.Core.Sequence.Mnist;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sequence;

public class MnistDataTests
{
    [Fact]
    public void Official_files_split_into_55k_train_5k_validation_10k_test()
    {
        var (train, validation, test) = MnistData.Load(RecipeRunner.Packages);
        Assert.Equal((55_000, 5_000, 10_000), (train.Count, validation.Count, test.Count));
        Assert.Equal((28, 28), (test.Rows, test.Columns));
        Assert.Equal(10_000 * 784, test.Pixels.Length);
        // Label counts of the official test set (LeCun et al.): 980 zeros … 1009 nines.
        var counts = test.Labels.GroupBy(l => l).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        Assert.Equal(new[] { 980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009 }, counts);
        Assert.Equal(7, test.Labels[0]);
        Assert.Equal(5, train.Labels[0]);
    }

    [Fact]
    public void A_file_whose_header_lies_is_refused()
    {
        var idx = new byte[] { 0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28, 1, 2, 3 };
        Assert.Throws<SeqServe.Core.Data.DatasetUnavailableException>(() => MnistIdx.ReadImages(idx));
    }
}
