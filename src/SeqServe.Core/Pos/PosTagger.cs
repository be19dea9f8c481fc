using SeqServe.Core.Serving;
using static TorchSharp.torch;

namespace SeqServe.Core.Pos;

/// <summary>
/// The loaded tagger: immutable after construction and safe to call concurrently (each call runs in its
/// own dispose scope under inference mode).
/// </summary>
public sealed class PosTagger : IPosTagger, IDisposable
{
    private readonly PosTaggerNetwork network;
    private readonly PosFeatures features;

    public PosTagger(PosTaggerNetwork network, PosFeatures features, PosLimits? limits = null)
    {
        this.network = network;
        this.features = features;
        Limits = limits ?? new PosLimits();
        network.eval();
    }

    public string Kind => "tagger";
    public IReadOnlyList<string> Operations { get; } = ["tag"];
    public IReadOnlyList<string> TagSet => UniversalTags.All;
    public PosLimits Limits { get; }
    public PosFeatures Features => features;

    public void WarmUp() => TagSentences(["The old man walked his dog."]);

    public IReadOnlyList<TaggedToken[]> TagSentences(IReadOnlyList<string> sentences)
    {
        CheckCount(sentences.Count, "sentences");
        var tokenized = new List<List<PosToken>>(sentences.Count);
        for (var i = 0; i < sentences.Count; i++)
        {
            var text = sentences[i];
            if (text is null || text.Length > Limits.MaxTextLength)
                throw new ModelInputException($"sentences[{i}]",
                    $"must be a string of at most {Limits.MaxTextLength} characters.");
            var tokens = BrownTokenizer.Tokenize(text);
            CheckTokens(tokens.Select(t => t.Form).ToList(), $"sentences[{i}]");
            tokenized.Add(tokens);
        }
        var predictions = Predict(tokenized.Select(t => (IReadOnlyList<string>)t.Select(x => x.Form).ToList()).ToList());
        return tokenized.Select((tokens, s) => tokens.Select((t, k) =>
            new TaggedToken(t.Text, TagSet[predictions[s].Tags[k]], predictions[s].Confidence[k], t.Start, t.End)).ToArray()).ToList();
    }

    public IReadOnlyList<TaggedToken[]> TagTokens(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        CheckCount(sentences.Count, "tokens");
        for (var i = 0; i < sentences.Count; i++) CheckTokens(sentences[i], $"tokens[{i}]");
        var predictions = Predict(sentences);
        return sentences.Select((tokens, s) => tokens.Select((t, k) =>
            new TaggedToken(t, TagSet[predictions[s].Tags[k]], predictions[s].Confidence[k])).ToArray()).ToList();
    }

    /// <summary>Best tag index and its probability for every token; no input checks (used by evaluation too).</summary>
    public IReadOnlyList<(int[] Tags, float[] Confidence)> Predict(IReadOnlyList<IReadOnlyList<string>> sentences)
    {
        if (sentences.Count == 0) return [];
        return Inference.Run(() =>
        {
            var batch = PosBatch.Create(features, sentences);
            var logp = network.Forward(batch.WordIds, batch.AffixIds, batch.Lengths);
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

    private void CheckCount(int count, string field)
    {
        if (count == 0) throw new ModelInputException(field, "must hold at least one sentence.");
        if (count > Limits.MaxSentences)
            throw new ModelInputException(field, $"must hold at most {Limits.MaxSentences} sentences (got {count}).");
    }

    private void CheckTokens(IReadOnlyList<string>? tokens, string field)
    {
        if (tokens is null || tokens.Count == 0) throw new ModelInputException(field, "must hold at least one token.");
        if (tokens.Count > Limits.MaxTokens)
            throw new ModelInputException(field, $"must hold at most {Limits.MaxTokens} tokens (got {tokens.Count}).");
        for (var k = 0; k < tokens.Count; k++)
            if (string.IsNullOrWhiteSpace(tokens[k]) || tokens[k].Length > Limits.MaxTokenLength || tokens[k].Any(char.IsWhiteSpace))
                throw new ModelInputException($"{field}[{k}]",
                    $"a token must be 1 to {Limits.MaxTokenLength} characters without white space.");
    }

    public void Dispose() => network.Dispose();
}
