using SeqServe.Core.Modeling;
using SeqServe.Core.Sentiment;

namespace SeqServe.Core.Tests.Sentiment;

public class TokenizerTests
{
    private readonly TextTokenizer tokenizer = new(new TokenizerSettings { MaxTokens = 6 });

    [Theory]
    [InlineData("I didn't like it.<br /><br />The plot's weak!", "i|did|n't|like|it|.|the|plot|'s|weak|!")]
    [InlineData("Can't STOP watching: 10/10 — Amélie", "ca|n't|stop|watching|:|10|/|10|—|amélie")]
    [InlineData("They're great; we'll see", "they|'re|great|;|we|'ll|see")]
    public void Splits_like_glove(string text, string expected) =>
        Assert.Equal(expected, string.Join('|', tokenizer.Tokenize(text).Select(t => t.Text)));

    [Theory]
    [InlineData("A film that, frankly, I'd never watch again!!  <br />Rating: 2/10 ( \"meh\" )")]
    [InlineData("Ünïcödé wörds and   tabs\tand\nnewlines don't lose a character")]
    public void Tokens_cover_every_non_space_character_once(string text)
    {
        var normalized = TextTokenizer.Normalize(text);
        var tokens = tokenizer.Tokenize(text);
        Assert.Equal(string.Concat(normalized.Where(c => !char.IsWhiteSpace(c))), string.Concat(tokens.Select(t => t.Text)));
        Assert.All(tokens, t => Assert.Equal(t.Text, normalized.Substring(t.Start, t.Text.Length)));
    }

    [Fact]
    public void Long_texts_keep_their_head_and_tail()
    {
        var tokens = tokenizer.ModelTokens("one two three four five six seven eight nine");
        Assert.Equal("one two three seven eight nine", string.Join(' ', tokens.Select(t => t.Text)));
    }

    [Fact]
    public void Settings_survive_the_manifest_json()
    {
        var settings = new TokenizerSettings { MaxTokens = 123 };
        Assert.Equal(settings, ModelFiles.FromJson<TokenizerSettings>(ModelFiles.ToJson(settings), "tokenizer"));
    }
}
