using System.Diagnostics;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Pos;
using SeqServe.Core.Pos.Chinese;

namespace SeqServe.Bench.Pos;

/// <summary>
/// Chinese POS (./seqserve bench pos-zh): on the test split of UD Chinese GSDSimp, the shipped tagger next
/// to jieba's own tags mapped to UPOS and the most-frequent-tag baseline, with gold segmentation; then end to
/// end with jieba's segmentation: segmentation F1 and tagging F1 over words (a word counts when its span and tag match).
/// </summary>
public static class ChineseBench
{
    public static void Run(string modelDir)
    {
        var bank = ChineseTreebank.Load();
        var train = bank.Train.Select(s => s.ToTagged()).ToList();
        var test = bank.Test.Select(s => s.ToTagged()).ToList();
        var trainWords = PosEvaluation.WordsOf(train);
        var clock = Stopwatch.StartNew();
        var jieba = Jieba.Instance;
        Console.WriteLine($"{ChineseTreebank.Version}: {bank.Train.Count} train / {bank.Valid.Count} validation / {bank.Test.Count} test sentences, " +
            $"{test.Sum(s => s.Words.Length):N0} test tokens ({test.Sum(s => s.Words.Count(w => !trainWords.Contains(w))):N0} unseen in training); " +
            $"jieba loaded in {clock.Elapsed.TotalSeconds:F1} s");

        var (manifest, versionDir) = ReadCheckpoint(modelDir);
        using var tagger = ChinesePosRecipe.LoadTagger(manifest, versionDir);
        var mostFrequent = new MostFrequentTagBaseline(train);
        var taggers = new (string Name, Func<IReadOnlyList<IReadOnlyList<string>>, IReadOnlyList<string[]>> Tag)[]
        {
            ("most frequent tag (unknown→NOUN)", batch => batch.Select(mostFrequent.Tag).ToList()),
            ("jieba tag mapped to UPOS", ChinesePosRecipe.JiebaBaseline(jieba)),
            ($"{manifest.Name} {manifest.Version[..Math.Min(15, manifest.Version.Length)]}", PosEvaluation.Using(tagger)),
        };

        Console.WriteLine();
        Console.WriteLine("gold segmentation");
        Console.WriteLine($"{"tagger",-34} {"accuracy",9} {"unknown",9} {"tag s",7}");
        foreach (var (name, tag) in taggers)
        {
            clock.Restart();
            var scores = PosEvaluation.Score(test, trainWords, tag, tagSet: UposTags.All);
            Console.WriteLine($"{name,-34} {scores.Accuracy,9:P2} {scores.UnknownAccuracy,9:P2} {clock.Elapsed.TotalSeconds,7:F2}" +
                $"   ({scores.Correct:N0}/{scores.Tokens:N0}; unknown {scores.UnknownCorrect:N0}/{scores.UnknownTokens:N0})");
        }

        Console.WriteLine();
        Console.WriteLine("jieba segmentation (end to end; spans over the sentence's characters)");
        var texts = test.Select(s => string.Concat(s.Words)).ToList();
        var segmented = texts.Select(t => jieba.Segment(t).Select(w => w.Text).ToArray()).ToList();
        var gold = test.Select(s => Spans(s.Words, s.Tags)).ToList();
        Console.WriteLine($"{"segmentation + tags",-48} {"seg P",7} {"seg R",7} {"seg F1",7} {"tag P",7} {"tag R",7} {"tag F1",7}");
        // jieba.posseg as a jieba user runs it: its own segmentation and in-context tags, mapped
        var posseg = texts.Select(t => jieba.CutWithTags(t)).ToList();
        Report("jieba.posseg, tags mapped", gold, posseg.Select(p => Spans([.. p.Select(w => w.Word)], [.. p.Select(w => JiebaTags.ToUpos(w.Flag))])).ToList());
        foreach (var (name, tag) in taggers)
        {
            var tags = new List<string[]>();
            foreach (var chunk in segmented.Chunk(128)) tags.AddRange(tag([.. chunk]));
            Report($"jieba words, {name}", gold, segmented.Select((words, i) => Spans(words, tags[i])).ToList());
        }
        Traditional(test, trainWords, tagger, $"{manifest.Name}");

        Console.WriteLine();
        Console.WriteLine($"neural: {manifest.Architecture.ToJsonString()}; weights {new FileInfo(Path.Combine(versionDir, CheckpointStore.WeightsFile)).Length / 1e6:F1} MB; " +
            $"trained in {manifest.TrainingSeconds:F1} s");
    }

    /// <summary>
    /// The same test split in traditional characters (OpenCC's STCharacters, first candidate per character), tagged
    /// as the service reads it (converted back to simplified) and as it was read before that conversion existed.
    /// </summary>
    private static void Traditional(List<TaggedSentence> test, HashSet<string> trainWords, PosTagger tagger, string name)
    {
        var toTraditional = ChineseScriptConverter.ToTraditional;
        var toSimplified = ChineseScriptConverter.ToSimplified;
        var traditional = test.Select(s => new TaggedSentence([.. s.Words.Select(toTraditional.Convert)], s.RawTags, s.Tags)).ToList();
        var characters = test.Sum(s => s.Words.Sum(w => w.Length));
        var changed = test.Zip(traditional).Sum(p => p.First.Words.Zip(p.Second.Words).Sum(w => w.First.Zip(w.Second).Count(c => c.First != c.Second)));
        var back = traditional.Zip(test).Sum(p => p.First.Words.Zip(p.Second.Words).Sum(w => toSimplified.Convert(w.First).Zip(w.Second).Count(c => c.First != c.Second)));
        Console.WriteLine();
        Console.WriteLine($"traditional script: the test split through OpenCC's STCharacters ({changed:N0} of {characters:N0} characters change; " +
            $"converted back to simplified, {back:N0} differ from the treebank)");
        var plain = PosEvaluation.Using(tagger);
        // unknown = not a training word, as in the simplified table (training words compared in their traditional form)
        trainWords = [.. trainWords.Select(toTraditional.Convert)];
        var gold = PosEvaluation.Score(traditional, trainWords, plain, tagSet: UposTags.All);
        var read = PosEvaluation.Score(traditional, trainWords, batch => plain([.. batch.Select(ws => (IReadOnlyList<string>)[.. ws.Select(toSimplified.Convert)])]), tagSet: UposTags.All);
        Console.WriteLine($"{"gold segmentation",-48} {"accuracy",9} {"unknown",9}");
        Console.WriteLine($"{name + ", traditional read as simplified",-48} {read.Accuracy,9:P2} {read.UnknownAccuracy,9:P2}   ({read.Correct:N0}/{read.Tokens:N0})");
        Console.WriteLine($"{name + ", traditional read as it stands",-48} {gold.Accuracy,9:P2} {gold.UnknownAccuracy,9:P2}   ({gold.Correct:N0}/{gold.Tokens:N0})");

        var texts = traditional.Select(s => string.Concat(s.Words)).ToList();
        var spans = test.Select(s => Spans(s.Words, s.Tags)).ToList();
        Console.WriteLine($"{"jieba segmentation (end to end)",-48} {"seg P",7} {"seg R",7} {"seg F1",7} {"tag P",7} {"tag R",7} {"tag F1",7}");
        foreach (var (label, segment) in new (string, Func<string, IReadOnlyList<PosToken>>)[]
                 {
                     ("read as simplified (the service)", t => tagger.PrepareSentence(t, "text", new PosLimits()).Raw!),
                     ("read as it stands", Jieba.Instance.Segment),
                 })
        {
            var tokens = texts.Select(segment).ToList();
            var tags = plain([.. tokens.Select(ts => (IReadOnlyList<string>)[.. ts.Select(t => t.Form)])]);
            Report($"{name}, {label}", spans, tokens.Select((ts, i) => Spans([.. ts.Select(t => t.Text)], tags[i])).ToList());
        }
    }

    /// <summary>(start, end, tag) of each word over the concatenated words (white space inside words counted as it stands).</summary>
    private static List<(int Start, int End, string Tag)> Spans(IReadOnlyList<string> words, IReadOnlyList<string> tags)
    {
        var spans = new List<(int, int, string)>(words.Count);
        var at = 0;
        for (var i = 0; i < words.Count; i++)
        {
            spans.Add((at, at + words[i].Length, tags[i]));
            at += words[i].Length;
        }
        return spans;
    }

    private static void Report(string name, List<List<(int Start, int End, string Tag)>> gold, List<List<(int Start, int End, string Tag)>> predicted)
    {
        long goldWords = 0, predictedWords = 0, segHits = 0, tagHits = 0;
        for (var s = 0; s < gold.Count; s++)
        {
            var want = gold[s].ToDictionary(w => (w.Start, w.End), w => w.Tag);
            goldWords += gold[s].Count;
            predictedWords += predicted[s].Count;
            foreach (var w in predicted[s])
                if (want.TryGetValue((w.Start, w.End), out var tag))
                {
                    segHits++;
                    if (tag == w.Tag) tagHits++;
                }
        }
        static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
        var (sp, sr) = ((double)segHits / predictedWords, (double)segHits / goldWords);
        var (tp, tr) = ((double)tagHits / predictedWords, (double)tagHits / goldWords);
        Console.WriteLine($"{name,-48} {sp,7:P1} {sr,7:P1} {F1(sp, sr),7:P1} {tp,7:P1} {tr,7:P1} {F1(tp, tr),7:P1}");
    }

    private static (CheckpointManifest, string) ReadCheckpoint(string dir)
    {
        var (store, model, version) = CheckpointStore.Open(dir);
        return (store.ReadVerified(model, version), store.VersionDir(model, version));
    }
}
