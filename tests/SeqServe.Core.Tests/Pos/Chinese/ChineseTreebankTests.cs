using SeqServe.Core.Data;
using SeqServe.Core.Pos.Chinese;
using SeqServe.Tests;

namespace SeqServe.Core.Tests.Pos.Chinese;

public class ChineseTreebankTests
{
    private static readonly List<ConlluSentence> All = ChineseTreebank.Read(ChineseTreebank.DefaultPath);

    [Fact]
    public void The_gold_file_has_500_sentences_and_12663_tokens_with_UPOS_tags()
    {
        Assert.Equal(500, All.Count);
        Assert.Equal(12_663, All.Sum(s => s.Words.Length));
        Assert.All(All, s => Assert.Equal(s.Words.Length, s.Tags.Length));
        Assert.Equal(UposTags.All.Where(t => t != "INTJ").Order(), All.SelectMany(s => s.Tags).Distinct().Order()); // no interjection in this file
        Assert.Equal("dev-s1", All[0].Id);
        Assert.Equal(["同样", "，", "施力", "的"], All[0].Words[..4]);
        Assert.Equal(["ADV", "PUNCT", "VERB", "SCONJ"], All[0].Tags[..4]);
    }

    [Fact]
    public void Every_sentence_text_is_its_words_in_order()
    {
        // the words cover the text exactly (spaces aside): what lets raw text be scored against gold words
        Assert.All(All, s => Assert.Equal(s.Text.Replace(" ", ""), string.Concat(s.Words).Replace(" ", "")));
    }

    [Fact]
    public void The_split_is_fixed_by_the_text_alone()
    {
        var bank = ChineseTreebank.Split(All);
        Assert.Equal((377, 43, 80), (bank.Train.Count, bank.Valid.Count, bank.Test.Count));
        Assert.Equal(1_919, bank.Test.Sum(s => s.Words.Length));

        var shuffled = ChineseTreebank.Split(All.OrderBy(s => s.Text.Length).ThenByDescending(s => s.Id, StringComparer.Ordinal));
        Assert.Equal(bank.Test.Select(s => s.Id).Order(), shuffled.Test.Select(s => s.Id).Order());
        Assert.Equal(bank.Valid.Select(s => s.Id).Order(), shuffled.Valid.Select(s => s.Id).Order());
        Assert.All(bank.Test, s => Assert.True(HashSplit.Of(s.Text)[0] < ChineseTreebank.TestBelow));
        Assert.Empty(bank.Train.Select(s => s.Text).Intersect(bank.Test.Select(s => s.Text)));
    }

    [Fact]
    public void A_changed_file_is_refused()
    {
        using var dir = new TempDir();
        var copy = Path.Combine(dir.Path, ChineseTreebank.FileName);
        File.WriteAllText(copy, File.ReadAllText(ChineseTreebank.DefaultPath).Replace("\tADV\t", "\tNOUN\t"));
        var error = Assert.Throws<DatasetUnavailableException>(() => ChineseTreebank.Read(copy));
        Assert.Contains(ChineseTreebank.Sha256, error.Message);
        Assert.Throws<DatasetUnavailableException>(() => ChineseTreebank.Read(Path.Combine(dir.Path, "missing.conllu")));
    }
}
