using System.Net;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Pos;

/// <summary>The default model shipped in models/pos-brown answers /v1/pos without naming a model.</summary>
public class ShippedPosTaggerTests(ShippedPosFixture fixture) : IClassFixture<ShippedPosFixture>
{
    private HttpClient Client => fixture.Client;

    /// <summary>Expected tags were written down before the shipped model was ever run on these sentences.</summary>
    [Theory]
    [InlineData("The old man walked his dog.", "DET ADJ NOUN VERB PRON NOUN .")]
    [InlineData("She didn't see the big red car.", "PRON VERB VERB DET ADJ ADJ NOUN .")]
    public async Task The_shipped_default_tags_plain_sentences_correctly(string sentence, string expected)
    {
        var (status, answer) = await Client.Post("/v1/pos", new { sentences = new[] { sentence } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {answer.Pretty()}");
        Assert.Equal("pos-brown", answer!["model"]!.GetValue<string>());
        var tags = answer["results"]![0]!["tokens"]!.AsArray().Select(t => t!["tag"]!.GetValue<string>());
        Assert.Equal(expected, string.Join(' ', tags));
    }

    /// <summary>
    /// Regression cases from other English: contractions written whole or cut the treebank way, money,
    /// percentages and units, interjections, sentence-start capitals and lower case. Each case names a
    /// token and the only sensible tag for it (12 universal tags: interjections are X; the treebank tags
    /// <c>%</c> as a noun and <c>$</c> as punctuation). The expected tags were written before any model ran on them.
    /// </summary>
    [Theory]
    [InlineData("She doesn't like it.", "doesn't", "VERB")]
    [InlineData("She does n't like it .", "does=VERB n't=ADV like=VERB")]
    [InlineData("It's raining again.", "It's", "PRON")]
    [InlineData("It 's raining again .", "It=PRON 's=VERB raining=VERB")]
    [InlineData("I'm happy.", "I'm", "PRON")]
    [InlineData("I 'm happy .", "I=PRON 'm=VERB happy=ADJ")]
    [InlineData("We can't go home.", "can't", "VERB")]
    [InlineData("We ca n't go home .", "ca=VERB n't=ADV go=VERB")]
    [InlineData("They won't stop.", "won't", "VERB")]
    [InlineData("They wo n't stop .", "wo=VERB n't=ADV stop=VERB")]
    [InlineData("You 're late and they 've gone .", "'re=VERB 've=VERB")]
    [InlineData("The nation 's economy grew .", "nation=NOUN 's=PRT economy=NOUN")]
    [InlineData("Prices rose 3% last year.", "3=NUM %=NOUN")]
    [InlineData("Prices rose 3 % last year.", "3=NUM %=NOUN")]
    [InlineData("The ticket costs $5.", "$=. 5=NUM")]
    [InlineData("The race is 10km long.", "10=NUM km=NOUN")]
    [InlineData("Wow, that was fast!", "Wow", "X")]
    [InlineData("Oh, I see.", "Oh", "X")]
    [InlineData("Hey, you can't park here.", "Hey", "X")]
    [InlineData("Quickly, he ran home.", "Quickly", "ADV")]
    [InlineData("the cat sat on the mat.", "the=DET cat=NOUN sat=VERB")]
    [InlineData("i think it's fine.", "i=PRON think=VERB")]
    public async Task The_shipped_default_tags_other_English_sensibly(string sentence, string expectations, string? tag = null)
    {
        var (status, answer) = await Client.Post("/v1/pos", new { sentences = new[] { sentence } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {answer.Pretty()}");
        var tokens = answer!["results"]![0]!["tokens"]!.AsArray()
            .Select(t => (Text: t!["text"]!.GetValue<string>(), Tag: t["tag"]!.GetValue<string>())).ToList();
        var wanted = tag is null
            ? expectations.Split(' ').Select(e => (Text: e[..e.LastIndexOf('=')], Tag: e[(e.LastIndexOf('=') + 1)..])).ToList()
            : [(Text: expectations, Tag: tag)];
        var got = string.Join(' ', tokens.Select(t => $"{t.Text}/{t.Tag}"));
        foreach (var (text, want) in wanted)
        {
            var token = tokens.FindIndex(t => t.Text == text);
            Assert.True(token >= 0, $"no token '{text}' in {got}");
            Assert.True(tokens[token].Tag == want, $"'{text}' should be {want}: {got}");
        }
    }

    /// <summary>Pre-tokenized input, cut the treebank way, gets the same sensible tags.</summary>
    [Fact]
    public async Task The_shipped_default_tags_treebank_tokens_sensibly()
    {
        var (status, answer) = await Client.Post("/v1/pos", new { tokens = new[] { new[] { "He", "does", "n't", "think", "it", "'s", "3", "%", "." } } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {answer.Pretty()}");
        var tags = answer!["results"]![0]!["tokens"]!.AsArray().Select(t => t!["tag"]!.GetValue<string>());
        Assert.Equal("PRON VERB ADV VERB PRON VERB NUM NOUN .", string.Join(' ', tags));
    }
}
