using SeqServe.Core.Text;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using TorchSharp;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>
/// A loaded character model continuing prompts. Sampling draws from softmax(logits / temperature) with a
/// private <see cref="Random"/> seeded by the request, so the same seed gives the same text and requests
/// never share random state. Immutable; many requests use it at once.
/// </summary>
public sealed class CharGenerator(StepNetwork network, CharVocabulary vocabulary) : ServedNetwork(network), ISequenceGenerator
{
    public const int MaxLength = 2000;
    public const int MaxPromptLength = 2000;
    public const double MinTemperature = 0.05, MaxTemperature = 2.0;
    /// <summary>What an empty prompt starts from: a paragraph break.</summary>
    private const string EmptyPromptStart = "\n";

    public const string ServedKind = "generate";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["generate"];
    public string Alphabet => vocabulary.Alphabet;

    public string Generate(string prompt, int length, double temperature, int? seed)
    {
        prompt ??= "";
        if (prompt.Length > MaxPromptLength)
            throw new ModelInputException("prompt", $"at most {MaxPromptLength} characters (got {prompt.Length}).");
        if (length is < 1 or > MaxLength)
            throw new ModelInputException("length", $"must be between 1 and {MaxLength} (got {length}).");
        if (!(temperature >= MinTemperature && temperature <= MaxTemperature))
            throw new ModelInputException("temperature", $"must be between {MinTemperature} and {MaxTemperature} (got {temperature}).");
        var ids = vocabulary.EncodeKnown(prompt.Length == 0 ? EmptyPromptStart : prompt, "prompt");
        var rng = new Random(seed ?? Random.Shared.Next());

        var generated = Inference.Run(() =>
        {
            var (logits, state) = network.Run(tensor(ids, [1, ids.Length]));
            var last = logits[0, -1];
            var output = new char[length];
            for (var i = 0; i < length; i++)
            {
                using var step = NewDisposeScope();
                var id = Sample(last, temperature, rng);
                output[i] = vocabulary.CharOf(id);
                var (next, nextState) = network.Run(tensor(new long[] { id }, [1, 1]), state);
                last = next[0, -1].MoveToOuterDisposeScope();
                state = nextState.Keep();
            }
            return new string(output);
        });
        return generated;
    }

    public void WarmUp() => Generate("", 8, 1.0, 0);

    /// <summary>Draws an id from softmax(logits / temperature); the unknown id is never drawn.</summary>
    private static int Sample(Tensor logits, double temperature, Random rng)
    {
        using var divisor = temperature.ToScalar(); // held for the call: an implicit temporary may be finalized mid-call
        var probabilities = nn.functional.softmax(logits.div(divisor), 0).data<float>().ToArray();
        probabilities[CharVocabulary.Unknown] = 0;
        var total = probabilities.Sum();
        var target = rng.NextDouble() * total;
        double cumulative = 0;
        for (var id = 0; id < probabilities.Length; id++)
        {
            cumulative += probabilities[id];
            if (target < cumulative && probabilities[id] > 0) return id;
        }
        return Array.IndexOf(probabilities, probabilities.Max());
    }
}
