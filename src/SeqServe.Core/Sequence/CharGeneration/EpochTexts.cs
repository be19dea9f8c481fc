using SeqServe.Core.Training;

namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>
/// The character model's training text per epoch: the book's training chapters, plus, with extra text, the
/// next <c>extraPerEpoch</c> characters of it (read cyclically, so every epoch has the same length and, over
/// enough epochs, all of it is read), the two joined by a blank line and cut into the parallel streams. Owns
/// the streams it makes: making the next epoch's disposes the previous one's.
/// </summary>
public sealed class EpochTexts(long[] book, long[]? extra, int extraPerEpoch, long separatorId, int streams, int window) : IDisposable
{
    private StreamWindows? current;
    private int currentEpoch;

    public int ExtraPerEpoch => extra is null ? 0 : Math.Min(extraPerEpoch, extra.Length);

    /// <summary>Characters each epoch trains on.</summary>
    public int Length => book.Length + (ExtraPerEpoch == 0 ? 0 : ExtraPerEpoch + 2);

    /// <summary>Epoch <paramref name="epoch"/>'s streams (1-based); asking again for the same epoch returns the same streams.</summary>
    public StreamWindows ForEpoch(int epoch)
    {
        if (current is not null && epoch == currentEpoch) return current;
        var ids = new long[Length];
        Array.Copy(book, ids, book.Length);
        if (ExtraPerEpoch > 0)
        {
            ids[book.Length] = ids[book.Length + 1] = separatorId;
            var start = (int)((long)(epoch - 1) * ExtraPerEpoch % extra!.Length);
            for (var i = 0; i < ExtraPerEpoch; i++) ids[book.Length + 2 + i] = extra[(start + i) % extra.Length];
        }
        current?.Dispose();
        current = CharStreams.Create(ids, streams, window);
        currentEpoch = epoch;
        return current;
    }

    public void Dispose() => current?.Dispose();
}
