using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Pos;

/// <summary>
/// The loaded tagger: immutable after construction and safe to call concurrently (each call runs in its
/// own dispose scope under inference mode).
/// </summary>
public sealed class PosTagger : ServedNetwork, IPosTagger
{
    private readonly PosTaggerNetwork network;
    private readonly PosFeatures features;

    private static readonly PosLimits DefaultLimits = new();

    private readonly PosLanguage language;

    public PosTagger(PosTaggerNetwork network, PosFeatures features, PosLanguage? language = null) : base(network)
    {
        this.network = network;
        this.features = features;
        this.language = language ?? PosLanguage.English;
        if (network.Config.Tags != this.language.TagSet.Count)
            throw new ArgumentException($"the network has {network.Config.Tags} tags, the {this.language.Code} tag set {this.language.TagSet.Count}.");
        network.eval();
    }

    public const string ServedKind = "tagger";
    public string Kind => ServedKind;
    public IReadOnlyList<string> Operations { get; } = ["tag"];
    public IReadOnlyList<string> TagSet => language.TagSet;
    public string Language => language.Code;
    public PosFeatures Features => features;

    public void WarmUp() => TagSentences([language.WarmUp]);

    public IReadOnlyList<TaggedToken[]> TagSentences(IReadOnlyList<string> sentences, PosLimits? limits = null)
    {
        limits ??= DefaultLimits;
        limits.CheckCount(sentences.Count, "sentences");
        return Run([.. sentences.Select((text, i) => PrepareSentence(text, $"sentences[{i}]", limits))]);
    }

    public IReadOnlyList<TaggedToken[]> TagTokens(IReadOnlyList<IReadOnlyList<string>> sentences, PosLimits? limits = null)
    {
        limits ??= DefaultLimits;
        limits.CheckCount(sentences.Count, "tokens");
        return Run([.. sentences.Select((tokens, i) => PrepareTokens(tokens, $"tokens[{i}]", limits))]);
    }

    public PosSentence PrepareSentence(string? text, string field, PosLimits limits)
    {
        if (text is null || text.Length > limits.MaxTextLength)
            throw new ModelInputException(field, $"must be a string of at most {limits.MaxTextLength} characters.");
        if (language.Refuse?.Invoke(text) is { } refusal) throw new ModelInputException(field, refusal);
        var read = ReadAs(text);
        var all = language.Tokenize(read);
        // The tokens are cut from the text as read; each answers with the text as given (the same offsets).
        if (!ReferenceEquals(read, text)) all = [.. all.Select(t => t with { Text = text[t.Start..t.End] })];
        var tokens = all.Count > limits.MaxTokens ? all.Take(limits.MaxTokens).ToList() : all;
        var forms = tokens.Select(t => t.Form).ToList();
        CheckTokens(forms, field, limits);
        return new PosSentence(forms, tokens, all.Count);
    }

    public PosSentence PrepareTokens(IReadOnlyList<string>? tokens, string field, PosLimits limits)
    {
        CheckTokens(tokens, field, limits);
        var used = tokens!.Count > limits.MaxTokens ? tokens.Take(limits.MaxTokens).ToList() : tokens;
        return language.ReadAs is null
            ? new PosSentence(used, null, tokens.Count)
            : new PosSentence([.. used.Select(ReadAs)], null, tokens.Count) { Texts = used };
    }

    /// <summary>The text as the model reads it (<see cref="PosLanguage.ReadAs"/>); the same string when the language reads text as it stands.</summary>
    private string ReadAs(string text)
    {
        if (language.ReadAs?.Invoke(text) is not { } read) return text;
        if (read.Length != text.Length)
            throw new InvalidOperationException($"the {language.Code} reading changed a text's length ({text.Length} → {read.Length}): offsets would not hold");
        return read;
    }

    public object? GroupOf(PosSentence input) => null;
    public int LengthOf(PosSentence input) => input.Forms.Count;

    /// <summary>Tags checked sentences in one forward pass (packed: sentences of any lengths may share it).</summary>
    public TaggedToken[][] Run(IReadOnlyList<PosSentence> inputs)
    {
        var predictions = Predict([.. inputs.Select(s => s.Forms)]);
        return [.. inputs.Select((sentence, s) => sentence.Forms.Select((form, k) => sentence.Raw is { } raw
            ? new TaggedToken(raw[k].Text, TagSet[predictions[s].Tags[k]], predictions[s].Confidence[k], raw[k].Start, raw[k].End)
            : new TaggedToken(sentence.Texts?[k] ?? form, TagSet[predictions[s].Tags[k]], predictions[s].Confidence[k])).ToArray())];
    }

    public bool Attends => network.Config.Encoder.Heads > 0;

    public IReadOnlyList<float[][]> AttentionOf(IReadOnlyList<PosSentence> sentences)
    {
        if (!Attends) throw new NotSupportedException("this tagger's encoder has no attention layer.");
        if (sentences.Count == 0) return [];
        return Inference.Run(() =>
        {
            var forms = sentences.Select(s => s.Forms).ToList();
            var batch = PosBatch.Create(features, forms);
            var weights = network.Run(batch.WordIds, batch.AffixIds, batch.Lengths, batch.CharIds).Attention!; // (batch, query, key)
            var steps = (int)weights.shape[1];
            var flat = weights.contiguous().data<float>().ToArray();
            return (IReadOnlyList<float[][]>)[.. forms.Select((f, s) => Enumerable.Range(0, f.Count)
                .Select(q => flat.AsSpan((s * steps + q) * steps, f.Count).ToArray()).ToArray())];
        });
    }

    /// <summary>Best tag index and its probability for every token; no input checks (used by evaluation too).</summary>
    public IReadOnlyList<(int[] Tags, float[] Confidence)> Predict(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        if (sentences.Count == 0) return [];
        return Inference.Run(() =>
        {
            var batch = PosBatch.Create(features, sentences);
            var logp = network.Forward(batch);
            var (best, index) = logp.max(2);
            var steps = (int)logp.shape[1];
            var tags = index.data<long>().ToArray();
            var probs = best.exp().data<float>().ToArray();
            var result = new List<(int[], float[])>(sentences.Count);
            for (var s = 0; s < sentences.Count; s++)
            {
                var n = sentences[s].Count;
                var t = new int[n];
                var p = new float[n];
                for (var k = 0; k < n; k++)
                {
                    t[k] = (int)tags[s * steps + k];
                    p[k] = probs[s * steps + k];
                }
                result.Add((t, p));
            }
            return (IReadOnlyList<(int[], float[])>)result;
        });
    }

    private static void CheckTokens(IReadOnlyList<string>? tokens, string field, PosLimits limits)
    {
        if (tokens is null || tokens.Count == 0) throw new ModelInputException(field, "must hold at least one token.");
        for (var k = 0; k < tokens.Count; k++)
            if (string.IsNullOrWhiteSpace(tokens[k]) || tokens[k].Length > limits.MaxTokenLength || tokens[k].Any(char.IsWhiteSpace))
                throw new ModelInputException($"{field}[{k}]",
                    $"a token must be 1 to {limits.MaxTokenLength} characters without white space.");
    }
}
