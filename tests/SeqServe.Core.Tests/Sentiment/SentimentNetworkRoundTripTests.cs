using SeqServe.Core.Modeling;
using SeqServe.Core.Sentiment;
using SeqServe.Tests;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Sentiment;

public class SentimentNetworkRoundTripTests
{
    public static TheoryData<CellKind, string, bool> Shapes => new()
    {
        { CellKind.Lstm, "last", true },
        { CellKind.Gru, "max", true },
        { CellKind.Gru, "attention", false },
        { CellKind.Rnn, "max", false },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Save_then_load_gives_identical_scores(CellKind cell, string pooling, bool bidirectional)
    {
        using var dir = new TempDir();
        var config = new SentimentNetworkConfig
        {
            Vocabulary = 30, EmbeddingDim = 6, Pooling = pooling,
            Encoder = new RecurrentConfig { Cell = cell, Hidden = 5, Layers = 2, Bidirectional = bidirectional, Dropout = 0.2 },
        };
        manual_seed(3);
        using var original = new SentimentNetwork(config);
        original.eval();
        ModelFiles.SaveWeights(original, dir.Path);
        manual_seed(11);
        using var loaded = ModelFiles.LoadWeights(new SentimentNetwork(config), dir.Path);

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var (ids, lengths) = PaddedBatches.Pad([[2, 3, 4, 5, 6, 7], [8, 9], [10, 11, 12, 29]]);
        var a = original.call(ids, lengths);
        var b = loaded.call(ids, lengths);
        Assert.Equal(new long[] { 3 }, b.shape);
        Assert.True(a.equal(b).all().item<bool>(), "scores differ after a save/load round trip");
    }

    [Theory]
    [InlineData("max")]
    [InlineData("attention")]
    [InlineData("last")]
    public void Padding_does_not_change_a_score(string pooling)
    {
        manual_seed(5);
        using var network = new SentimentNetwork(new SentimentNetworkConfig
        {
            Vocabulary = 20, EmbeddingDim = 4, Pooling = pooling,
            Encoder = new RecurrentConfig { Cell = CellKind.Gru, Hidden = 3, Bidirectional = true },
        });
        network.eval();
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var (alone, l1) = PaddedBatches.Pad([[2, 3, 4]]);
        var (padded, l2) = PaddedBatches.Pad([[2, 3, 4], [5, 6, 7, 8, 9, 10, 11, 12]]);
        var a = network.call(alone, l1).item<float>();
        var b = network.call(padded, l2)[0].item<float>();
        Assert.Equal(a, b, 5);
    }
}
