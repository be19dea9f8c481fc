using SeqServe.Core.Text;
using System.Text;
using SeqServe.Core.Data;
using SeqServe.Core.Modeling;
using SeqServe.Core.Sentiment;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sentiment;

public class GloVeTests
{
    /// <summary>Hands out a stream a few bytes at a time, so tokens straddle every buffer refill.</summary>
    private sealed class TrickleStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 7));
    }

    [Fact]
    public void Streaming_conversion_keeps_every_word_and_vector()
    {
        using var dir = new TempDir();
        const string json = """{"precision":8,"words":["the","cat"],"vectors":{"the":[0.5,-1.25,1e-2,2.9,0],"cat":[3,4,5,7.1,1],"ünï":[-1,-2,-3,1,2]},"unkVector":[0,0,0,-1]}""";
        var path = Path.Combine(dir.Path, "glove.bin");
        using (var output = File.Create(path))
            GloVeCache.Convert(new TrickleStream(Encoding.UTF8.GetBytes(json)), output);

        var (dims, vectors) = GloVeCache.Read(path, _ => true);
        Assert.Equal(3, dims);
        Assert.Equal(["the", "cat", "ünï"], vectors.Keys);
        Assert.Equal([0.5f, -1.25f, 0.01f], vectors["the"]);
        Assert.Equal([-1f, -2f, -3f], vectors["ünï"]);
        Assert.Single(GloVeCache.Read(path, w => w == "cat").Vectors);
    }

    [Fact]
    public void Real_glove_rows_land_at_their_vocabulary_indices()
    {
        var cache = GloVeCache.Ensure(new PackageCache(TestPaths.DataCache));
        var vocab = Vocabulary.Build([["movie", "the", "the", "qqzxqqzx"]], new VocabularySettings { MinFrequency = 1 });
        var rows = ImdbSentimentRecipe.GloVeRows(vocab, cache);

        Assert.Equal([vocab.IndexOf("the"), vocab.IndexOf("movie")], rows.Keys.Order().ToArray());
        Assert.Equal(100, rows[vocab.IndexOf("the")].Length);
        Assert.Equal([-0.038194f, -0.24487f, 0.72812f], rows[vocab.IndexOf("the")][..3]);

        using var network = new SentimentNetwork(new SentimentNetworkConfig
        {
            Vocabulary = vocab.Count, Encoder = new RecurrentConfig { Hidden = 4, Bidirectional = true },
        });
        network.InitEmbeddings(rows, freeze: true);
        Assert.Equal(rows[vocab.IndexOf("movie")], network.EmbeddingRow(vocab.IndexOf("movie")).data<float>().ToArray());
        Assert.All(network.EmbeddingRow(Vocabulary.PadIndex).data<float>().ToArray(), v => Assert.Equal(0f, v));
    }
}
