using SeqServe.Core.Text;
using SeqServe.Core.Modeling;
using SeqServe.Core.Serving;
using TorchSharp;
using static TorchSharp.torch;

namespace SeqServe.Core.Sentiment;

/// <summary>
/// A loaded sentiment model: immutable after load, safe to call from many threads. Each call runs in its
/// own dispose scope; plain scoring in inference mode, gradient attributions with autograd.grad (which
/// never touches the shared parameters' .grad). Scores are calibrated: sigmoid(logit / <paramref name="temperature"/>)
/// (the temperature fitted at training, 1 for checkpoints made before calibration).
/// </summary>
public sealed class SentimentScorer(SentimentNetwork network, TextTokenizer tokenizer, Vocabulary vocabulary, double temperature = 1.0)
    : ServedNetwork(network), ISentimentScorer
{
    public double Temperature => temperature;

    public const string ServedKind = "sentiment";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["score"];
    public int MaxTokens => tokenizer.Settings.MaxTokens;
    /// <summary>
    /// "attention" (the attention pooling's weight per token), "self-attention" (an encoder that attends, without
    /// attention pooling: the attention each token receives in the last attention layer, averaged over heads and over
    /// the text's tokens as queries; sums to 1 over the text) or "gradient-x-input".
    /// </summary>
    public string AttributionMethod => network.Config.Pooling == "attention" ? "attention"
        : network.Config.Encoder.Heads > 0 ? "self-attention" : "gradient-x-input";

    public void WarmUp() => Score(["A warm-up sentence to load every kernel once."], explain: false);

    public SentimentText Prepare(string? text, string field)
    {
        List<Token> all = text is null ? [] : tokenizer.Tokenize(text);
        if (all.Count == 0) throw new ModelInputException(field, "the text is empty: it holds no word to score.");
        var words = TextTokenizer.Truncate(all, MaxTokens); // a long text: its first and last halves of the window
        return new SentimentText(words, vocabulary.Encode(words.Select(x => x.Text)), all.Count) { KnowsAWord = KnowsAWord(words, vocabulary) };
    }

    /// <summary>Whether some token with a letter in it is in <paramref name="vocabulary"/>.</summary>
    public static bool KnowsAWord(IEnumerable<Token> tokens, Vocabulary vocabulary) =>
        tokens.Any(t => t.Text.Any(char.IsLetter) && vocabulary.IndexOf(t.Text) > Vocabulary.UnkIndex);

    public object? GroupOf(SentimentText input) => null;
    public int LengthOf(SentimentText input) => input.Ids.Length;

    /// <summary>p(positive) per text, one forward pass (packed sequences: texts of any lengths may share it).</summary>
    public float[] Run(IReadOnlyList<SentimentText> inputs) => Inference.Run(() => Forward([.. inputs.Select(t => t.Ids)]));

    public IReadOnlyList<SentimentResult> Score(IReadOnlyList<string> texts, bool explain = false)
    {
        if (texts.Count == 0) throw new ModelInputException("texts", "give at least one text.");
        var prepared = texts.Select((text, i) => Prepare(text, $"texts[{i}]")).ToList();
        if (!explain) return [.. Run(prepared).Select((s, i) => SentimentResult.Of(s, prepared[i]))];
        var ids = prepared.Select(t => t.Ids).ToList();
        var (probabilities, weights) = AttributionMethod switch
        {
            "attention" => Inference.Run(() => ForwardWithAttention(ids)),
            "self-attention" => Inference.Run(() => ForwardWithSelfAttention(ids)),
            _ => GradientTimesInput(ids),
        };
        return probabilities.Select((p, i) => SentimentResult.Of(p, prepared[i],
            prepared[i].Tokens.Select((t, k) => new TokenAttribution(t.Text, weights[i][k])).ToList())).ToList();
    }


    private float[] Forward(List<long[]> ids)
    {
        var (x, lengths) = PaddedBatches.Pad(ids);
        return Probabilities(network.call(x, lengths));
    }

    private (float[], float[][]) ForwardWithAttention(List<long[]> ids)
    {
        var (x, lengths) = PaddedBatches.Pad(ids);
        var output = network.Run(network.Embed(x), lengths);
        return (Probabilities(output.Logits), Rows(output.Attention!, ids));
    }

    /// <summary>Per token, the attention it receives: the last attention layer's weights (mean over heads) averaged over the real query tokens.</summary>
    private (float[], float[][]) ForwardWithSelfAttention(List<long[]> ids)
    {
        var (x, lengths) = PaddedBatches.Pad(ids);
        var output = network.Run(network.Embed(x), lengths);
        var queries = PaddedBatches.Mask(lengths, x.shape[1]).to(ScalarType.Float32); // (batch, steps)
        var received = (output.SelfAttention! * queries.unsqueeze(2)).sum(1) / lengths.to(ScalarType.Float32).unsqueeze(1);
        return (Probabilities(output.Logits), Rows(received, ids));
    }

    private (float[], float[][]) GradientTimesInput(List<long[]> ids)
    {
        using var scope = NewDisposeScope();
        using var grad = enable_grad();
        var (x, lengths) = PaddedBatches.Pad(ids);
        var embedded = network.Embed(x).detach().requires_grad_(true);
        var logits = network.Run(embedded, lengths).Logits;
        var gradient = autograd.grad([logits.sum()], [embedded])[0];
        var attributions = (gradient * embedded).sum(2).detach();
        return (Probabilities(logits.detach()), Rows(attributions, ids));
    }

    /// <summary>Calibrated p(positive) per logit: sigmoid(logit / temperature), the scale held as an explicit Scalar.</summary>
    private float[] Probabilities(Tensor logits)
    {
        if (temperature == 1.0) return sigmoid(logits).data<float>().ToArray();
        using var scale = (1.0 / temperature).ToScalar();
        return sigmoid(logits.mul(scale)).data<float>().ToArray();
    }

    private static float[][] Rows(Tensor perStep, List<long[]> ids)
    {
        var flat = perStep.contiguous().data<float>().ToArray();
        var steps = (int)perStep.shape[1];
        return ids.Select((s, i) => flat.AsSpan(i * steps, s.Length).ToArray()).ToArray();
    }
}
