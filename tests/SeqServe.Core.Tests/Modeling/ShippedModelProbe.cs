using SeqServe.Core.Text;
using SeqServe.Core.Checkpoints;
using SeqServe.Core.Modeling;
using SeqServe.Core.Pos;
using SeqServe.Core.Sentiment;
using static TorchSharp.torch;

namespace SeqServe.Core.Tests.Modeling;

/// <summary>
/// Runs a shipped model's network on fixed, seeded inputs (mixed lengths where the task has them) and
/// returns every output it gives at a real position, flattened. The stored reference outputs in
/// ShippedOutputs/ were produced by this probe with the packed encoder, before the dense one replaced it.
/// </summary>
public static class ShippedModelProbe
{
    /// <param name="packedReference">Run sentiment and POS networks on the packed reference encoder instead of the dense one.</param>
    public static float[] Outputs(CheckpointManifest manifest, string versionDir, bool packedReference = false)
    {
        var random = new Random(20261201);
        using var scope = NewDisposeScope();
        using var mode = inference_mode();
        return manifest.Task switch
        {
            "sentiment" => Sentiment(manifest, versionDir, random, packedReference),
            "pos" => Pos(manifest, versionDir, random, packedReference),
            _ => Steps(manifest, versionDir, random),
        };
    }

    private static readonly int[] Lengths = [37, 12, 60, 1, 60, 23];

    private static float[] Sentiment(CheckpointManifest manifest, string dir, Random random, bool packedReference)
    {
        var config = ModelFiles.FromJson<SentimentNetworkConfig>(manifest.Architecture, "architecture");
        using var network = ModelFiles.LoadWeights(new SentimentNetwork(config), dir);
        network.PackedReference = packedReference;
        var (ids, lengths) = Padded(random, config.Vocabulary, Vocabulary.UnkIndex);
        return network.call(ids, lengths).data<float>().ToArray();
    }

    private static float[] Pos(CheckpointManifest manifest, string dir, Random random, bool packedReference)
    {
        var config = ModelFiles.FromJson<PosTaggerConfig>(manifest.Architecture, "architecture");
        using var network = ModelFiles.LoadWeights(new PosTaggerNetwork(config), dir);
        network.PackedReference = packedReference;
        var (words, lengths) = Padded(random, config.Vocabulary, PosFeatures.UnkId);
        var steps = words.shape[1];
        var affixIds = new long[Lengths.Length * steps * config.AffixSlots];
        for (var i = 0; i < affixIds.Length; i++) affixIds[i] = random.Next(1, config.AffixRows);
        Tensor? charIds = null;
        if (config.HasCharacterEncoder) // drawn after the affixes: taggers without characters see the inputs they always did
        {
            const int chars = 4;
            var ids = new long[Lengths.Length * steps * chars];
            for (var i = 0; i < ids.Length; i++) ids[i] = random.Next(1, config.Characters);
            charIds = tensor(ids, [Lengths.Length, steps, chars]);
        }
        var logProbs = network.Forward(words, tensor(affixIds, [Lengths.Length, steps, config.AffixSlots]), lengths, charIds);
        return Lengths.SelectMany((length, b) => logProbs[b, ..length].data<float>().ToArray()).ToArray();
    }

    private static float[] Steps(CheckpointManifest manifest, string dir, Random random)
    {
        using var network = ModelFiles.LoadStepNetwork(manifest, dir);
        const int batch = 3, steps = 16, split = 10;
        var config = network.Config;
        Tensor input;
        if (config.Vocabulary is { } vocabulary)
        {
            var ids = new long[batch * steps];
            for (var i = 0; i < ids.Length; i++) ids[i] = random.Next(vocabulary);
            input = tensor(ids, [batch, steps]);
        }
        else
        {
            var features = config.Encoder.InputSize;
            var values = new float[batch * steps * features];
            for (var i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 2 - 1);
            input = tensor(values, [batch, steps, features]);
        }
        var (whole, state) = network.Run(input);
        // the same sequence in two calls with the state carried: exercises the stateful path too
        var (_, carried) = network.Run(input[.., ..split]);
        var (rest, _) = network.Run(input[.., split..], carried);
        return whole.data<float>().ToArray()
            .Concat(state.H.data<float>().ToArray())
            .Concat(rest.data<float>().ToArray())
            .ToArray();
    }

    /// <summary>Token ids (batch, longest) padded with 0 after each sequence's real tokens, and the lengths.</summary>
    private static (Tensor Ids, Tensor Lengths) Padded(Random random, int vocabulary, int firstId)
    {
        var steps = Lengths.Max();
        var ids = new long[Lengths.Length * steps];
        for (var b = 0; b < Lengths.Length; b++)
            for (var t = 0; t < Lengths[b]; t++)
                ids[b * steps + t] = random.Next(firstId, vocabulary);
        return (tensor(ids, [Lengths.Length, steps]), tensor(Lengths.Select(l => (long)l).ToArray()));
    }
}
