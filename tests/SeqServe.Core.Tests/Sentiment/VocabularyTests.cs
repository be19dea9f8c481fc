using SeqServe.Core.Sentiment;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Sentiment;

public class VocabularyTests
{
    private static readonly string[][] Documents =
    [
        ["the", "film", "was", "great", "!"],
        ["the", "film", "was", "awful", "."],
        ["the", "acting", "was", "great", "ünïcode"],
        ["ünïcode", "rare"],
    ];

    [Fact]
    public void Orders_by_frequency_and_respects_min_frequency_and_size()
    {
        var vocab = Vocabulary.Build(Documents, new VocabularySettings { MinFrequency = 2, MaxSize = 100 });
        Assert.Equal(["<pad>", "<unk>", "the", "was", "film", "great", "ünïcode"], vocab.Words);
        Assert.Equal(Vocabulary.UnkIndex, vocab.IndexOf("rare"));

        var capped = Vocabulary.Build(Documents, new VocabularySettings { MinFrequency = 1, MaxSize = 4 });
        Assert.Equal(["<pad>", "<unk>", "the", "was"], capped.Words);
    }

    [Fact]
    public void Saved_and_reloaded_vocabulary_is_identical()
    {
        using var dir = new TempDir();
        var vocab = Vocabulary.Build(Documents, new VocabularySettings { MinFrequency = 1 });
        var path = Path.Combine(dir.Path, Vocabulary.FileName);
        vocab.Save(path);
        var loaded = Vocabulary.Load(path);
        Assert.Equal(vocab.Words, loaded.Words);
        var sentence = new[] { "the", "acting", "was", "never", "ünïcode" };
        Assert.Equal(vocab.Encode(sentence), loaded.Encode(sentence));
        Assert.Equal(Vocabulary.UnkIndex, loaded.IndexOf("never"));
    }

    [Fact]
    public void A_file_without_the_special_tokens_is_refused()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, Vocabulary.FileName);
        File.WriteAllText(path, "the\nfilm\n");
        Assert.Throws<SeqServe.Core.Checkpoints.CheckpointException>(() => Vocabulary.Load(path));
    }
}
