using SeqServe.Core.Pos;

namespace SeqServe.Core.Tests.Pos;

public class UniversalTagsTests
{
    [Theory]
    [InlineData("nn-tl", "nn", "NOUN")]
    [InlineData("fw-nns$-tl", "nns", "NOUN")]
    [InlineData("pps+bez", "pps", "PRON")]
    [InlineData("dod*", "dod", "VERB")]
    [InlineData("*", "*", "ADV")]
    [InlineData("*-hl", "*", "ADV")]
    [InlineData("---hl", "--", ".")]
    [InlineData("at-tl-hl", "at", "DET")]
    [InlineData("ppss+ber-n", "ppss", "PRON")]
    [InlineData("fw-in+at-t", "in", "ADP")]
    [InlineData("pp$$", "pp", "PRON")]
    [InlineData("np$", "np", "NOUN")]
    [InlineData("to+vb", "to", "PRT")]
    [InlineData("cs", "cs", "ADP")]
    [InlineData("``", "``", ".")]
    public void Raw_tags_reduce_and_map(string raw, string baseTag, string universal)
    {
        Assert.Equal(baseTag, UniversalTags.BaseOf(raw));
        Assert.Equal(universal, UniversalTags.FromBrown(raw));
    }

    [Fact]
    public void Unknown_tag_is_an_error_not_X() =>
        Assert.Throws<FormatException>(() => UniversalTags.FromBrown("zz"));
}
