using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using SeqServe.Core.Text;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.CharMapping;

/// <summary>
/// Serves a character-to-character <see cref="StepNetwork"/>: one output character per input
/// character. Inputs enter as embedding indices or as one-hot vectors, as the model was trained.
/// </summary>
public sealed class CharMapper(StepNetwork network, string alphabet, bool oneHot, int maxLength) : ServedNetwork(network), ISequenceMapper
{
    private readonly CharVocabulary vocabulary = new(alphabet, reserveUnknown: false);

    public const string ServedKind = "map";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["map"];
    public string Alphabet => alphabet;

    public string Map(string text)
    {
        Validate(text);
        return Run([text])[0];
    }

    public void Validate(string text)
    {
        if (string.IsNullOrEmpty(text)) throw new ModelInputException("text", "must not be empty.");
        if (text.Length > maxLength) throw new ModelInputException("text", $"must be at most {maxLength} characters (got {text.Length}).");
        Encode(text);
    }

    public object? GroupOf(string input) => input.Length;
    public int LengthOf(string input) => input.Length;

    /// <summary>Maps texts of equal length in one pass.</summary>
    public string[] Run(IReadOnlyList<string> inputs)
    {
        var steps = inputs[0].Length;
        var indices = inputs.SelectMany(Encode).ToArray();
        var output = Inference.Run(() => network.call(Input(indices, alphabet.Length, oneHot, inputs.Count)).argmax(2).data<long>().ToArray());
        return [.. Enumerable.Range(0, inputs.Count).Select(b => new string([.. output.AsSpan(b * steps, steps).ToArray().Select(i => vocabulary.CharOf((int)i))]))];
    }

    public void WarmUp() => Map(alphabet[..1]);

    public long[] Encode(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (!vocabulary.Knows(text[i]))
                throw new ModelInputException("text", $"character '{text[i]}' at position {i} is not in the model's alphabet \"{alphabet}\".");
        return vocabulary.Encode(text);
    }

    /// <summary>(batch=1, steps) indices, or (1, steps, alphabet) one-hot floats.</summary>
    public Tensor Input(long[] indices) => Input(indices, alphabet.Length, oneHot, 1);

    public static Tensor Input(long[] indices, int alphabetSize, bool oneHot, int batch)
    {
        var steps = indices.Length / batch;
        var ids = tensor(indices, [batch, steps]);
        return oneHot ? nn.functional.one_hot(ids, alphabetSize).to_type(ScalarType.Float32) : ids;
    }
}
