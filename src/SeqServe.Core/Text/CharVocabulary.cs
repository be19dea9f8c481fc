using SeqServe.Core.Serving;

namespace SeqServe.Core.Text;

/// <summary>
/// Character ↔ id for character-level models, the counterpart of the word <see cref="Vocabulary"/>: an
/// alphabet (stored in the manifest), ordinal-sorted when built from text. With <c>reserveUnknown</c>
/// id 0 stands for a character the training text never had (held-out text may contain one; generation
/// never produces it) and the alphabet starts at id 1; without it ids are alphabet positions and an
/// unknown character is refused. Immutable and thread-safe.
/// </summary>
public sealed class CharVocabulary
{
    public const int Unknown = 0;
    private readonly Dictionary<char, int> ids;
    private readonly int first;

    public string Alphabet { get; }
    /// <summary>Ids in use, the unknown id included when reserved.</summary>
    public int Size => Alphabet.Length + first;

    public CharVocabulary(string alphabet, bool reserveUnknown = true)
    {
        Alphabet = alphabet;
        first = reserveUnknown ? 1 : 0;
        ids = alphabet.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i + first);
    }

    public static CharVocabulary FromText(string text, bool reserveUnknown = true) =>
        new(new string([.. text.Distinct().Order()]), reserveUnknown);

    public bool Knows(char c) => ids.ContainsKey(c);

    public int IdOf(char c) => ids.TryGetValue(c, out var id) ? id
        : first == 1 ? Unknown : throw new ArgumentException($"'{c}' is not in the alphabet", nameof(c));

    public char CharOf(int id) => id - first is var i && i >= 0 && i < Alphabet.Length ? Alphabet[i] : '\uFFFD';

    public long[] Encode(string text) => [.. text.Select(c => (long)IdOf(c))];

    /// <summary>Encodes a prompt, refusing characters the model never saw.</summary>
    public long[] EncodeKnown(string text, string field)
    {
        var unknown = text.Where(c => !ids.ContainsKey(c)).Distinct().Take(10).ToArray();
        if (unknown.Length > 0)
            throw new ModelInputException(field,
                $"characters the model does not know: {string.Join(" ", unknown.Select(c => $"U+{(int)c:X4}"))}; it knows the {Alphabet.Length} characters of its training text.");
        return Encode(text);
    }
}
