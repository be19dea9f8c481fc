using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Sentiment;
using SeqServe.Core.Tasks;

namespace SeqServe.Sentiment.Bench;

/// <summary>
/// Every sentiment model in a checkpoint store (its promoted or newest version), as served (tokenizer and stored
/// temperature included): accuracy and ECE on IMDB TEST and on both halves of the sentence set, and the share and
/// accuracy of "high"-confidence answers on the sentence TEST half.
/// </summary>
internal static class ShortTexts
{
    public static int Run(PackageCache cache, string modelsRoot, IReadOnlyList<string> only)
    {
        var imdb = ImdbDataset.Load(cache).Test;
        var sentences = SentenceSet.Load(cache);
        var store = new CheckpointStore(modelsRoot);
        foreach (var model in store.ListModels().Where(m => only.Count == 0 ? m.StartsWith("sentiment") : only.Contains(m)))
        {
            var version = store.PromotedOrNewest(model);
            var (_, served) = RecipeCatalog.BuiltIn.Load(store, model, version);
            if (served is not ISentimentScorer scorer) continue;
            var parts = new List<string>();
            foreach (var (name, texts, labels) in new[]
                     {
                         ("IMDB test", imdb.Select(r => r.Text).ToList(), imdb.Select(r => r.Positive).ToList()),
                         ("sentences valid", sentences.Valid.Select(s => s.Text).ToList(), sentences.Valid.Select(s => s.Positive).ToList()),
                         ("sentences test", sentences.Test.Select(s => s.Text).ToList(), sentences.Test.Select(s => s.Positive).ToList()),
                     })
            {
                var results = texts.Chunk(64).SelectMany(batch => scorer.Score(batch)).ToList();
                var p = results.Select(r => r.Score).ToList();
                var m = BinaryMetrics.Compute(p, labels);
                var high = results.Select((r, i) => (r, i)).Where(x => x.r.Confidence == ConfidenceBand.HighBand).ToList();
                parts.Add($"{name}: accuracy {m.Accuracy:P2}, ECE {Calibration.Ece(p, labels):F4}, high {100.0 * high.Count / p.Count:F1} % " +
                          $"at {(high.Count == 0 ? double.NaN : 100.0 * high.Count(x => x.r.Label == "positive" == labels[x.i]) / high.Count):F1} %");
            }
            ConsoleLog.Write($"{model}/{version}: " + string.Join("; ", parts));
            served.Dispose();
        }
        return 0;
    }
}
