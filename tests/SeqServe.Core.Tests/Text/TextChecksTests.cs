using SeqServe.Core.Text;

namespace SeqServe.Core.Tests.Text;

public class TextChecksTests
{
    [Theory]
    [InlineData("plain text, with tab\tand\r\nline breaks")]
    [InlineData("Windows-1252 leftovers: a \u0096 dash and \u0085 an ellipsis")]
    [InlineData("astral \U0001F600 pairs are fine")]
    public void Real_text_passes(string text) => Assert.Null(TextChecks.Problem(text));

    [Theory]
    [InlineData("nul \u0000", "U+0000")]
    [InlineData("escape \u001b[31m", "U+001B")]
    [InlineData("back\u0008space", "U+0008")]
    [InlineData("del \u007f", "U+007F")]
    public void Control_characters_and_unpaired_surrogates_are_named(string text, string named) =>
        Assert.Contains(named, TextChecks.Problem(text));

    [Fact]
    public void Unpaired_surrogates_are_named()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Contains("U+D800", TextChecks.Problem("lone " + (char)0xD800 + " high"));
        Assert.Contains("U+DC00", TextChecks.Problem("lone " + (char)0xDC00 + " low"));
        Assert.Contains("U+DE00", TextChecks.Problem("reversed pair " + (char)0xDE00 + (char)0xD83D));
    }

    [Fact]
    public void A_long_value_is_quoted_short()
    {
        var quoted = TextChecks.Quote(new string('x', 5000));
        Assert.True(quoted.Length < TextChecks.QuoteLength + 40);
        Assert.Contains("5,000 characters", quoted);
    }
}
