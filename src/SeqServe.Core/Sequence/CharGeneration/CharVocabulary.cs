using SeqServe.Core.Serving;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>
/// The characters of the training text, ordinal-sorted; id 0 stands for a character the training text
/// never had (held-out text may contain one; generation never produces it).
/// </summary>
public sealed class CharVocabulary
{
    public const int Unknown = 0;
    private readonly Dictionary<char, int> ids;

    public string Alphabet { get; }
    /// <summary>Ids in use, the unknown id included.</summary>
    public int Size => Alphabet.Length + 1;

    public CharVocabulary(string alphabet)
    {
        Alphabet = alphabet;
        ids = alphabet.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i + 1);
    }

    public static CharVocabulary FromText(string text) =>
        new(new string([.. text.Distinct().Order()]));

    public int IdOf(char c) => ids.TryGetValue(c, out var id) ? id : Unknown;

    public char CharOf(int id) => id is > 0 and var i && i <= Alphabet.Length ? Alphabet[i - 1] : '\uFFFD';

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
