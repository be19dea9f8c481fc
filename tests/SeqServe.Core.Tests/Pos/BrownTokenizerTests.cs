using SeqServe.Core.Pos;

namespace SeqServe.Core.Tests.Pos;

public class BrownTokenizerTests
{
    private static string[] Forms(string text) => BrownTokenizer.Tokenize(text).Select(t => t.Form).ToArray();

    [Theory]
    [InlineData("He didn't go.", new[] { "He", "didn't", "go", "." })]
    [InlineData("I'm sure we'll win, aren't we?", new[] { "I'm", "sure", "we'll", "win", ",", "aren't", "we", "?" })]
    [InlineData("The nation's parents' votes", new[] { "The", "nation's", "parents'", "votes" })]
    [InlineData("It cost $1,000 or 3.5 million (in 1960).", new[] { "It", "cost", "$", "1,000", "or", "3.5", "million", "(", "in", "1960", ")", "." })]
    [InlineData("Up 3% to 10km, 5 % or €20 in the 1960s, 15th and B-52.", new[] { "Up", "3", "%", "to", "10", "km", ",", "5", "%", "or", "€", "20", "in", "the", "1960s", ",", "15th", "and", "B-52", "." })]
    [InlineData("It 's true : he does n't , I 'm told .", new[] { "It", "'s", "true", ":", "he", "does", "n't", ",", "I", "'m", "told", "." })]
    [InlineData("A hard-fought, well-known race--finally over!", new[] { "A", "hard-fought", ",", "well-known", "race", "--", "finally", "over", "!" })]
    [InlineData("Mr. Smith of the U.S. said: \"No.\"", new[] { "Mr.", "Smith", "of", "the", "U.S.", "said", ":", "``", "No", ".", "''" })]
    [InlineData("Wait...", new[] { "Wait", "..." })]
    [InlineData("'Tis 'em; 'quoted'", new[] { "'Tis", "'em", ";", "'", "quoted", "'" })]
    public void Cuts_text_the_way_the_corpus_is_cut(string text, string[] expected) =>
        Assert.Equal(expected, Forms(text));

    [Theory]
    [InlineData("It cost $1,000, up 3% in 10km.", new[] { "It", "cost", "$1,000", ",", "up", "3%", "in", "10km", "." })]
    [InlineData("It 's true", new[] { "It", "'", "s", "true" })]
    public void Cuts_text_exactly_like_the_corpus_for_taggers_trained_on_it_as_it_is(string text, string[] expected) =>
        Assert.Equal(expected, BrownTokenizer.Tokenize(text, treebank: false).Select(t => t.Form).ToArray());

    [Fact]
    public void Tokens_keep_character_offsets()
    {
        const string text = "  \"Don't,\" she said.";
        var tokens = BrownTokenizer.Tokenize(text);
        Assert.Equal(["\"", "Don't", ",", "\"", "she", "said", "."], tokens.Select(t => t.Text));
        foreach (var t in tokens) Assert.Equal(t.Text, text[t.Start..t.End]);
        Assert.Equal(2, tokens[0].Start);
        Assert.Equal("``", tokens[0].Form);
        Assert.Equal("''", tokens[3].Form);
    }

    [Fact]
    public void Blank_text_has_no_tokens() => Assert.Empty(BrownTokenizer.Tokenize(" \t\n "));
}
