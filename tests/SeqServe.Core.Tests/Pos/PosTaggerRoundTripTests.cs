using SeqServe.Core.Modeling;
using SeqServe.Core.Pos;
using SeqServe.Core.Training;
using SeqServe.Tests;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Pos;

public class PosTaggerRoundTripTests
{
    private static readonly string[][] Sentences =
    [
        ["The", "old", "man", "walked", "his", "dog", "."],
        ["Dogs", "bark", "."],
    ];

    private static PosTaggerConfig Config(PosFeatures features, CellKind cell) => BrownPosRecipe.NetworkConfig(
        new ArchitectureSpec { Cell = cell.ToString().ToLowerInvariant(), Hidden = 8, EmbeddingDim = 8 }, features);

    [Theory]
    [InlineData(CellKind.Lstm)]
    [InlineData(CellKind.Gru)]
    [InlineData(CellKind.Rnn)]
    public void Save_then_load_gives_identical_outputs(CellKind cell)
    {
        using var dir = new TempDir();
        var features = PosFeatures.Build(Sentences, maxWords: 100, minCount: 1);
        var config = Config(features, cell);
        manual_seed(3);
        using var original = new PosTaggerNetwork(config);
        original.eval();
        ModelFiles.SaveWeights(original, dir.Path);

        manual_seed(11);
        using var loaded = ModelFiles.LoadWeights(new PosTaggerNetwork(config), dir.Path);

        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        var batch = PosBatch.Create(features, Sentences);
        var a = original.Forward(batch.WordIds, batch.AffixIds, batch.Lengths);
        var b = loaded.Forward(batch.WordIds, batch.AffixIds, batch.Lengths);
        Assert.Equal(new long[] { 2, 7, 12 }, b.shape);
        Assert.True(a.equal(b).all().item<bool>(), "outputs differ after a save/load round trip");
    }

    [Fact]
    public void A_sentence_tags_the_same_alone_and_padded_in_a_batch()
    {
        var features = PosFeatures.Build(Sentences, maxWords: 100, minCount: 1);
        manual_seed(5);
        using var tagger = new PosTagger(new PosTaggerNetwork(Config(features, CellKind.Lstm)), features);
        var shortAlone = tagger.Predict([Sentences[1]])[0];
        var longAlone = tagger.Predict([Sentences[0]])[0];
        var batched = tagger.Predict([Sentences[1], Sentences[0]]); // shorter first: packing must restore the order
        Assert.Equal(shortAlone.Tags, batched[0].Tags);
        Assert.Equal(longAlone.Tags, batched[1].Tags);
        Assert.Equal(shortAlone.Confidence, batched[0].Confidence, (x, y) => Math.Abs(x - y) < 1e-5);
        Assert.Equal(longAlone.Confidence, batched[1].Confidence, (x, y) => Math.Abs(x - y) < 1e-5);
    }

    [Fact]
    public void Features_are_stable_and_fold_case_and_digits()
    {
        var features = PosFeatures.Build([["The", "the", "1960", "1961"]], maxWords: 10, minCount: 2);
        Assert.Equal(["<pad>", "<unk>", "0000", "the"], features.Words.Words); // equal counts: ordinal order
        Assert.Equal(features.WordId("THE"), features.WordId("the"));
        Assert.Equal(PosFeatures.UnkId, features.WordId("zebra"));
        Span<long> a = stackalloc long[features.Config.Slots];
        Span<long> b = stackalloc long[features.Config.Slots];
        features.AffixIds("walked", a);
        features.AffixIds("talked", b);
        Assert.Equal(a[..4].ToArray(), b[..4].ToArray()); // suffixes d, ed, ked, lked
        Assert.NotEqual(a[4], b[4]); // different first letter
        Assert.Equal("Xx-x", PosFeatures.Shape("Hard-fought"));
    }
}
