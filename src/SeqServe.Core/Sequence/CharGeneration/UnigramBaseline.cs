namespace SeqServe.Core.Sequence.CharGeneration;

/// <summary>
/// The baseline a character model must beat: every character predicted from its frequency in the
/// training text alone (add-one smoothed over the vocabulary), scored in bits per character.
/// </summary>
public static class UnigramBaseline
{
    public static double BitsPerChar(long[] trainIds, long[] testIds, int vocabularySize)
    {
        var counts = new double[vocabularySize];
        foreach (var id in trainIds) counts[id]++;
        var total = trainIds.Length + vocabularySize;
        return -testIds.Average(id => Math.Log2((counts[id] + 1) / total));
    }
}
