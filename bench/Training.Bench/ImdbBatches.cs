using SeqServe.Core.Text;
using SeqServe.Core.Modeling;
using SeqServe.Core.Data;
using SeqServe.Core.Sentiment;

namespace SeqServe.Training.Bench;

/// <summary>Real IMDB reviews encoded as the sentiment recipe encodes them, and its length-bucketed training batches.</summary>
internal sealed record ImdbBatches(EncodedReviews Train, IReadOnlyList<int[]> Batches, int VocabularySize)
{
    public static ImdbBatches Load(PackageCache cache, BenchShape shape, int reviews, int batches)
    {
        var split = ImdbDataset.Load(cache);
        var tokenizer = new TextTokenizer(new TokenizerSettings { MaxTokens = shape.MaxTokens });
        var train = split.Train.Take(reviews).ToList();
        var tokens = train.Select(r => tokenizer.ModelTokens(r.Text).Select(t => t.Text).ToList()).ToList();
        var vocabulary = Vocabulary.Build(tokens, new VocabularySettings { MaxSize = shape.Vocabulary });
        var encoded = new EncodedReviews(tokens.Select(vocabulary.Encode).ToList(), train.Select(r => r.Positive).ToList());
        var order = PaddedBatches.Bucketed(PaddedBatches.LengthsOf(encoded.Ids), new Random(42), shape.BatchSize)
            .Where(b => b.Length == shape.BatchSize).Take(batches).ToList();
        return new ImdbBatches(encoded, order, vocabulary.Count);
    }

    public IReadOnlyList<long[]> Sequences(int[] batch) => batch.Select(i => Train.Ids[i]).ToList();

    public float[] Labels(int[] batch) => batch.Select(i => Train.Labels[i] ? 1f : 0f).ToArray();

    public double MeanPaddedLength => Batches.Average(b => b.Max(i => Train.Ids[i].Length));

    public int WithoutPadding => Batches.Count(b => b.Select(i => Train.Ids[i].Length).Distinct().Count() == 1);
}
