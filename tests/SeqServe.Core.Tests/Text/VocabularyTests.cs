using SeqServe.Core.Text;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Text;

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
    public void A_word_list_of_an_older_checkpoint_loads_with_the_reserved_entries_in_front()
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, Vocabulary.FileName);
        File.WriteAllText(path, "the\nfilm\n");
        var loaded = Vocabulary.Load(path);
        Assert.Equal(["<pad>", "<unk>", "the", "film"], loaded.Words);
        Assert.Equal(3, loaded.IndexOf("film"));
        Assert.True(loaded.Contains("the"));
        Assert.False(loaded.Contains("<unk>"));
    }

    [Theory]
    [InlineData("the\n<pad>\n<unk>\n")]
    [InlineData("<unk>\n<pad>\nthe\n")]
    public void A_file_with_the_reserved_entries_out_of_place_is_refused(string text)
    {
        using var dir = new TempDir();
        var path = Path.Combine(dir.Path, Vocabulary.FileName);
        File.WriteAllText(path, text);
        Assert.Throws<SeqServe.Core.Checkpoints.CheckpointException>(() => Vocabulary.Load(path));
    }

    [Fact]
    public void A_character_vocabulary_reserves_id_0_for_unknown_characters_or_refuses_them()
    {
        var generation = CharVocabulary.FromText("abca");
        Assert.Equal("abc", generation.Alphabet);
        Assert.Equal([1L, 2, 3, CharVocabulary.Unknown], generation.Encode("abcz"));
        Assert.Equal('b', generation.CharOf(2));
        var mapping = new CharVocabulary("helo", reserveUnknown: false);
        Assert.Equal([0L, 1, 2, 2, 3], mapping.Encode("hello"));
        Assert.Equal('o', mapping.CharOf(3));
        Assert.Throws<ArgumentException>(() => mapping.Encode("hz"));
    }
}
