using SeqServe.Core.Data;
using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;

namespace SeqServe.Serving.Bench;

/// <summary>The inputs: real IMDB test reviews cut to 200 words, and real Brown test sentences (pre-tokenized).</summary>
public sealed record BenchData(IReadOnlyList<string> Reviews, IReadOnlyList<string[]> Sentences)
{
    public const int Count = 256;
    public const int ReviewWords = 200;

    public static BenchData Load(PackageCache packages)
    {
        var reviews = ImdbDataset.Load(packages).Test.Take(Count)
            .Select(r => string.Join(' ', r.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(ReviewWords))).ToList();
        var sentences = BrownCorpus.Load(packages).Test.Take(Count).Select(s => s.Words).ToList();
        return new BenchData(reviews, sentences);
    }
}
