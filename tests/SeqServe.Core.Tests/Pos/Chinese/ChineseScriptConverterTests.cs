using SeqServe.Core.Data;
using SeqServe.Core.Pos.Chinese;

namespace SeqServe.Core.Tests.Pos.Chinese;

public class ChineseScriptConverterTests
{
    private static readonly ChineseScriptConverter ToSimplified = ChineseScriptConverter.ToSimplified;

    [Theory]
    [InlineData("我來到北京清華大學，喜歡吃蘋果。", "我来到北京清华大学，喜欢吃苹果。")]
    [InlineData("這個軟體的發展歷史", "这个软体的发展历史")]
    [InlineData("一目瞭然", "一目了然")]                          // a phrase (TSPhrases) before its characters
    [InlineData("iPhone 15售價５９９９元！", "iPhone 15售价５９９９元！")]  // Latin, digits, full-width characters untouched
    [InlineData("𠀋字和abc", "𠀋字和abc")]                        // a character outside the BMP keeps its two units
    public void Traditional_text_reads_as_simplified_with_every_offset_kept(string traditional, string simplified)
    {
        var converted = ToSimplified.Convert(traditional);
        Assert.Equal(simplified, converted);
        Assert.Equal(traditional.Length, converted.Length);
    }

    [Fact]
    public void Simplified_treebank_text_passes_through_all_but_unchanged()
    {
        var texts = ChineseTreebank.Load().All.Select(s => string.Concat(s.Words)).ToList();
        var changed = texts.Sum(t => t.Zip(ToSimplified.Convert(t)).Count(c => c.First != c.Second));
        // 乾 is both a simplified character (乾隆) and a traditional form of 干: the only ones OpenCC changes here
        Assert.InRange(changed, 0, 2);
        Assert.Same(texts[0], ToSimplified.Convert(texts[0]));
    }

    [Fact]
    public void The_test_split_in_traditional_characters_converts_back_to_the_treebank()
    {
        var toTraditional = ChineseScriptConverter.ToTraditional;
        var words = ChineseTreebank.Load().Test.SelectMany(s => s.Words).ToList();
        var traditional = words.Select(toTraditional.Convert).ToList();
        Assert.True(words.Zip(traditional).Count(w => w.First != w.Second) > words.Count / 5, "the conversion changed too few words to test anything");
        Assert.Equal(words, traditional.Select(ToSimplified.Convert));
    }

    [Fact]
    public void A_mapping_that_would_move_offsets_is_not_used()
    {
        var converter = new ChineseScriptConverter([("ab", "xyz"), ("cd", "CD")], [("a", "α"), ("e", "𝔢")]);
        Assert.Equal("αbCD e", converter.Convert("abcd e"));
    }

    [Fact]
    public void A_missing_or_altered_table_is_a_clear_error()
    {
        var dir = Directory.CreateTempSubdirectory("opencc-").FullName;
        try
        {
            var missing = Assert.Throws<DatasetUnavailableException>(() => ChineseScriptConverter.Load(null, "TSCharacters.txt", dir));
            Assert.Contains("TSCharacters.txt is missing", missing.Message);
            File.WriteAllText(Path.Combine(dir, "TSCharacters.txt"), "來\t来\n");
            var altered = Assert.Throws<DatasetUnavailableException>(() => ChineseScriptConverter.Load(null, "TSCharacters.txt", dir));
            Assert.Contains("SHA-256", altered.Message);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
