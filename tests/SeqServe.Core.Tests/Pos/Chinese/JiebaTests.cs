using SeqServe.Core.Pos.Chinese;

namespace SeqServe.Core.Tests.Pos.Chinese;

public class JiebaTests
{
    private static readonly Jieba Jieba = Jieba.Instance;

    [Theory]
    [InlineData("我来到北京清华大学", "我|来到|北京|清华大学")]
    [InlineData("他来到了网易杭研大厦。", "他|来到|了|网易|杭研|大厦|。")]
    [InlineData("我來到北京清華大學，喜歡吃蘋果。", "我來|到|北京|清華大學|，|喜歡|吃|蘋果|。")]
    [InlineData("iPhone 15售价5999元。", "iPhone|15|售价|5999|元|。")]
    public void Known_sentences_are_segmented_as_jieba_does(string text, string expected) =>
        Assert.Equal(expected, string.Join('|', Jieba.Segment(text).Select(t => t.Text)));

    [Theory]
    [InlineData("我来到北京清华大学")]
    [InlineData("  iPhone 15 售价５９９９元！（全新）\n第二行")]
    [InlineData("𠀋𠀌字和abc")]
    public void Offsets_cover_every_non_space_character_once(string text)
    {
        var tokens = Jieba.Segment(text);
        var next = 0;
        foreach (var t in tokens)
        {
            Assert.True(t.Start >= next, $"token '{t.Text}' at {t.Start} overlaps the previous one (ends {next})");
            Assert.True(string.IsNullOrWhiteSpace(text[next..t.Start]), $"'{text[next..t.Start]}' was skipped");
            Assert.Equal(text[t.Start..t.End], t.Text);
            Assert.False(t.Text.Any(char.IsWhiteSpace) && t.Text.Trim().Length != t.Text.Length);
            next = t.End;
        }
        Assert.True(string.IsNullOrWhiteSpace(text[next..]));
    }

    [Fact]
    public void Jieba_tags_come_from_its_dictionary_and_map_to_UPOS()
    {
        Assert.Equal("ns", Jieba.TagOf("北京"));
        Assert.Equal("uj", Jieba.TagOf("的"));
        Assert.True(Jieba.InDictionary("清华大学"));
        Assert.False(Jieba.InDictionary("施力的大小"));
        Assert.Equal("PROPN", JiebaTags.ToUpos("ns"));
        Assert.Equal("PART", JiebaTags.ToUpos("uj"));
        Assert.All(JiebaTags.Mapping.Values, tag => Assert.Contains(tag, UposTags.All));
    }

    [Theory]
    [InlineData("Hello world.", false)]
    [InlineData("12345", false)]
    [InlineData("我用iPhone", true)]
    [InlineData("臺灣", true)]
    public void Text_without_Chinese_characters_is_refused(string text, bool accepted) =>
        Assert.Equal(accepted, ChineseText.Refusal(text) is null);
}
