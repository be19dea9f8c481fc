using System.Text;
using SeqServe.Core.Data;

namespace SeqServe.Core.Sentiment;

/// <summary>One labelled sentence.</summary>
public sealed record LabelledSentence(string Text, bool Positive, byte[] Hash);

/// <summary>The sentence set's two halves.</summary>
public sealed record SentenceSplit(IReadOnlyList<LabelledSentence> Valid, IReadOnlyList<LabelledSentence> Test)
{
    public Dictionary<string, int> Counts => new()
    {
        ["sentencesValid"] = Valid.Count,
        ["sentencesValidPositive"] = Valid.Count(s => s.Positive),
        ["sentencesTest"] = Test.Count,
        ["sentencesTestPositive"] = Test.Count(s => s.Positive),
    };
}

/// <summary>
/// A sentence-level evaluation set from another source than the training data: the Amazon part of the UCI "Sentiment
/// Labelled Sentences" (Kotzias et al., KDD 2015; 1,000 product-review sentences, 500 positive), as shipped in
/// <c>wink-sentiment@5.0.2</c> (line = sentence TAB 0|1). Never trained on. VALID (choices, calibration) =
/// SHA-256(UTF-8 sentence)[0] &lt; 0x80, TEST (scored once per candidate) = the rest.
/// </summary>
public static class SentenceSet
{
    public static readonly NpmPackage Package =
        new("wink-sentiment", "5.0.2", "412418c576200247fda64a5c26e06f1ed209c4343139e65910d068fb89791ba6");

    public const string Entry = "package/test/data/amazon_cells_labelled.txt";
    public const byte ValidBelow = 0x80;

    public const string SplitRule =
        "Amazon sentences (UCI Sentiment Labelled Sentences, Kotzias et al. 2015) from wink-sentiment@5.0.2 " +
        "test/data/amazon_cells_labelled.txt, line = sentence TAB 0|1, sentence trimmed, later duplicates dropped; never trained on; " +
        "VALID (calibration, choices) = SHA-256(UTF-8 sentence)[0] < 0x80; TEST = the rest";

    public static string Source => $"npm {Package.Spec} {Entry["package/".Length..]}";

    public static List<LabelledSentence> Read(string packagePath)
    {
        var sentences = new List<LabelledSentence>(1000);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        TgzArchive.ForEach(packagePath, n => n == Entry, (_, stream) =>
        {
            using var reader = new StreamReader(stream, Encoding.UTF8);
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                var tab = line.LastIndexOf('\t');
                if (tab < 0) continue;
                var text = line[..tab].Trim();
                var label = line[(tab + 1)..].Trim();
                if (text.Length == 0 || label is not ("0" or "1") || !seen.Add(text)) continue;
                sentences.Add(new LabelledSentence(text, label == "1", HashSplit.Of(text)));
            }
        });
        if (sentences.Count == 0)
            throw new DatasetUnavailableException($"{Path.GetFileName(packagePath)} holds no labelled sentences in {Entry}.");
        return sentences;
    }

    public static SentenceSplit Split(IEnumerable<LabelledSentence> sentences)
    {
        var ordered = sentences.OrderBy(s => s.Hash, HashSplit.Order).ToList();
        return new SentenceSplit(ordered.Where(s => s.Hash[0] < ValidBelow).ToList(), ordered.Where(s => s.Hash[0] >= ValidBelow).ToList());
    }

    public static SentenceSplit Load(PackageCache packages, CancellationToken cancel = default) =>
        Split(Read(packages.Fetch(Package, cancel)));
}
