using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.CharMapping;

/// <summary>
/// Serves a character-to-character <see cref="StepNetwork"/>: one output character per input
/// character. Inputs enter as embedding indices or as one-hot vectors, as the model was trained.
/// </summary>
public sealed class CharMapper(StepNetwork network, string alphabet, bool oneHot, int maxLength) : ServedNetwork(network), ISequenceMapper
{
    public string Kind => "map";
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
        return [.. Enumerable.Range(0, inputs.Count).Select(b => new string([.. output.AsSpan(b * steps, steps).ToArray().Select(i => alphabet[(int)i])]))];
    }

    public void WarmUp() => Map(alphabet[..1]);

    public long[] Encode(string text)
    {
        var indices = new long[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            var index = alphabet.IndexOf(text[i]);
            if (index < 0)
                throw new ModelInputException("text", $"character '{text[i]}' at position {i} is not in the model's alphabet \"{alphabet}\".");
            indices[i] = index;
        }
        return indices;
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
