using SeqServe.Core.Modeling;
using SeqServe.Core.Training;
using static TorchSharp.torch;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>A text as <see cref="StreamWindows"/> of character ids (targets = the next character) and its held-out cross-entropy.</summary>
public static class CharStreams
{
    /// <summary>Cuts <paramref name="ids"/> into <paramref name="streams"/> contiguous pieces (fewer for a very short text).</summary>
    public static StreamWindows Create(long[] ids, int streams, int window)
    {
        streams = Math.Max(1, Math.Min(streams, (ids.Length - 1) / 2));
        var length = (ids.Length - 1) / streams;
        var rows = new long[streams * (length + 1)];
        for (var s = 0; s < streams; s++) Array.Copy(ids, s * length, rows, s * (length + 1), length + 1);
        // Inputs and next-character targets are two views of one tensor (the views keep its storage alive).
        using var data = tensor(rows, [streams, length + 1]);
        return new StreamWindows(data.narrow(1, 0, length), data.narrow(1, 1, length), window);
    }

    /// <summary>Cross-entropy of next-character predictions (logits (streams, steps, symbols), targets (streams, steps)).</summary>
    public static Tensor Loss(Tensor logits, Tensor targets, nn.Reduction reduction = nn.Reduction.Mean) =>
        nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), targets.reshape(-1), reduction: reduction);

    /// <summary>Mean nats per predicted character over the whole text, state carried across windows.</summary>
    public static double NatsPerChar(this StreamWindows text, StepNetwork network)
    {
        double sum = 0;
        text.Evaluate(network, (_, logits, targets) => sum += Loss(logits, targets, nn.Reduction.Sum).item<float>());
        return sum / ((double)text.Streams * text.Length);
    }
}
