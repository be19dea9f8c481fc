using SeqServe.Core.Pos;

namespace SeqServe.Bench.Pos;

/// <summary>
/// The small out-of-domain check: newswire-style English sentences written for this project and tagged by
/// hand with the 12 universal tags, cut the Penn Treebank way (<c>does n't</c>, <c>it 's</c>, <c>3 %</c>,
/// <c>$ 5</c>). One sentence a line, <c>word/TAG</c> tokens split at the last slash.
/// </summary>
public static class NewswireStyleSet
{
    public const string FileName = "newswire-style-en.txt";

    public static List<TaggedSentence> Load(string path) =>
        [.. File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(Parse)];

    public static TaggedSentence Parse(string line)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var words = new string[tokens.Length];
        var tags = new string[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var slash = tokens[i].LastIndexOf('/');
            words[i] = tokens[i][..slash];
            tags[i] = tokens[i][(slash + 1)..];
            if (UniversalTags.IndexOf(tags[i]) < 0) throw new FormatException($"'{tokens[i]}': '{tags[i]}' is not a universal tag.");
        }
        return new TaggedSentence(words, tags, tags);
    }
}
