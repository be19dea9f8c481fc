using SeqServe.Core.Pos;

namespace SeqServe.Core.Tests.Pos;

public class BrownAugmentationTests
{
    private static string Cut(string line) =>
        BrownAugmentation.TreebankCut(BrownCorpus.ParseLine(line)!) is { } cut
            ? string.Join(' ', cut.Words.Zip(cut.Tags, (w, t) => $"{w}/{t}"))
            : "(unchanged)";

    [Theory]
    [InlineData("He/pps doesn't/doz* care/vb ./.", "He/PRON does/VERB n't/ADV care/VERB ./.")]
    [InlineData("We/ppss can't/md* ,/, won't/md* ./.", "We/PRON ca/VERB n't/ADV ,/. wo/VERB n't/ADV ./.")]
    [InlineData("It's/pps+bez late/jj ./.", "It/PRON 's/VERB late/ADJ ./.")]
    [InlineData("I'm/ppss+bem here/rb and/cc let's/vb+ppo go/vb", "I/PRON 'm/VERB here/ADV and/CONJ let/VERB 's/PRON go/VERB")]
    [InlineData("The/at nation's/nn$ parents'/nns$ Kennedy's/np$-tl", "The/DET nation/NOUN 's/PRT parents/NOUN '/PRT Kennedy/NOUN 's/PRT")]
    [InlineData("It/pps cost/vbd $600/nns or/cc 50%/nn", "It/PRON cost/VERB $/. 600/NUM or/CONJ 50/NUM %/NOUN")]
    [InlineData("You/ppss cannot/md* go/vb", "You/PRON can/VERB not/ADV go/VERB")]
    public void Cuts_a_sentence_the_treebank_way_with_each_part_tagged(string line, string expected) =>
        Assert.Equal(expected, Cut(line));

    [Theory]
    [InlineData("His/pp$ o'clock/rb 'em/ppo 'tis/pps+bez goin'/vbg ./.")]
    [InlineData("The/at old/jj man/nn ./.")]
    public void Leaves_words_the_treebank_keeps_whole(string line) => Assert.Equal("(unchanged)", Cut(line));

    [Fact]
    public void Adds_copies_after_the_originals_deterministically()
    {
        var sentences = new[]
        {
            "The/at old/jj man/nn ./.",
            "He/pps doesn't/doz* care/vb ./.",
            "Oh/uh ,/, well/uh ./.",
            "Wow/uh !/.",
        }.Select(l => BrownCorpus.ParseLine(l)!).ToList();
        var first = BrownAugmentation.Augment(sentences, seed: 7);
        var second = BrownAugmentation.Augment(sentences, seed: 7);
        Assert.Equal(sentences, first.Take(sentences.Count));
        Assert.Equal(first.Select(s => s.Key), second.Select(s => s.Key));
        Assert.Contains(first.Skip(sentences.Count), s => s.Key.Equals("He does n't care .", StringComparison.OrdinalIgnoreCase));
        // every copy keeps one tag per word, and interjection copies keep X where the interjections were
        Assert.All(first, s => Assert.Equal(s.Words.Length, s.Tags.Length));
        Assert.DoesNotContain(first.Skip(sentences.Count), s => s.Key == "The old man .");
    }
}
