using System.Net;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Sentiment;

/// <summary>
/// Short everyday texts the shipped default once got wrong (and more clear cases of the same kinds), through
/// POST /v1/sentiment: the label must be right. Only clear cases are here; sarcasm ("Oh great, another three hours
/// of this. Just brilliant.") is left out on purpose: a word-level model is not expected to read it.
/// </summary>
public class ShortTextRegressionTests(ShippedSentimentFixture fixture) : IClassFixture<ShippedSentimentFixture>
{
    private const string LongPositiveReview =
        "I went in expecting very little from this film, and I came out happy. The story is simple, but the two leads are " +
        "warm and funny together, the dialogue is sharp, and the city at night is beautifully shot. A few scenes in the " +
        "middle drag, and the villain is a cartoon. Still, the ending made me smile, and the music has stayed with me all " +
        "week. For a small film with a tiny budget, not bad at all. I would happily watch it again with friends.";

    public static TheoryData<string, string> ClearCases => new()
    {
        // from the issue's table
        { "Not bad at all.", "positive" },
        { "not good", "negative" },
        { "I hated it", "negative" },
        { "The food at this restaurant was cold and the waiter was rude.", "negative" },
        { LongPositiveReview, "positive" },
        // more of the same kinds: negation, short verdicts, other domains than films
        { "I loved it.", "positive" },
        { "Great product, works perfectly.", "positive" },
        { "The staff were friendly and the service was excellent.", "positive" },
        { "Highly recommended!", "positive" },
        { "What a wonderful day.", "positive" },
        { "This is the best phone I have ever owned.", "positive" },
        { "Not bad, actually pretty good.", "positive" },
        { "Terrible customer service.", "negative" },
        { "Very disappointing.", "negative" },
        { "A complete waste of money.", "negative" },
        { "The worst meal I have had in years.", "negative" },
        { "I would not recommend this to anyone.", "negative" },
        { "It was not good at all.", "negative" },
        { "The room was dirty and the bed was uncomfortable.", "negative" },
    };

    [Theory]
    [MemberData(nameof(ClearCases))]
    public async Task A_clear_short_text_gets_its_label(string text, string expected)
    {
        var (status, body) = await fixture.Client.Post("/v1/sentiment", new { texts = new[] { text } });
        Assert.True(status == HttpStatusCode.OK, body.Pretty());
        var result = body!["results"]![0]!;
        Assert.True(result["label"]!.GetValue<string>() == expected,
            $"'{text}': {result["label"]} {result["score"]} ({result["confidence"]}), expected {expected}");
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("...")]
    [InlineData("meh")]
    public async Task A_text_without_a_verdict_is_not_answered_with_high_confidence(string text)
    {
        var (status, body) = await fixture.Client.Post("/v1/sentiment", new { texts = new[] { text } });
        Assert.True(status == HttpStatusCode.OK, body.Pretty());
        var result = body!["results"]![0]!;
        Assert.True(result["confidence"]!.GetValue<string>() != "high", $"'{text}': {result.ToJsonString()}");
    }

    [Fact]
    public async Task Punctuation_alone_is_uncertain_and_a_clear_review_is_high()
    {
        var (status, body) = await fixture.Client.Post("/v1/sentiment",
            new { texts = new[] { "!!!", "One of the best films I have ever seen: moving, funny and beautifully acted." } });
        Assert.True(status == HttpStatusCode.OK, body.Pretty());
        Assert.Equal("uncertain", body!["results"]![0]!["confidence"]!.GetValue<string>());
        Assert.Equal("high", body["results"]![1]!["confidence"]!.GetValue<string>());
    }
}
