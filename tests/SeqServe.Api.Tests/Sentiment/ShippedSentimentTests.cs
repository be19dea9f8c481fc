using System.Net;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Sentiment;

/// <summary>The shipped default through POST /v1/sentiment: clear cases right, explanations, and every bad input a 400.</summary>
public class ShippedSentimentTests(ShippedSentimentFixture fixture) : IClassFixture<ShippedSentimentFixture>
{
    private HttpClient Client => fixture.Client;

    private static readonly string[] Positive =
    [
        "This movie was wonderful, I loved every minute of it.",
        "A brilliant, beautifully acted film. Highly recommended!",
        "One of the best films I have ever seen.",
    ];

    private static readonly string[] Negative =
    [
        "This movie was terrible and boring, a complete waste of time.",
        "The worst film I have ever seen. Awful acting and a stupid plot.",
        "I hated it: dull, predictable and badly written.",
    ];

    [Fact]
    public async Task Clearly_positive_and_negative_sentences_land_on_the_right_side()
    {
        var (status, body) = await Client.Post("/v1/sentiment", new { texts = Positive.Concat(Negative).ToArray() });
        Assert.True(status == HttpStatusCode.OK, body.Pretty());
        Assert.Equal(ShippedSentimentFixture.Model, body!["model"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["version"]!.GetValue<string>()));
        var results = body["results"]!.AsArray();
        Assert.Equal(Positive.Length + Negative.Length, results.Count);
        for (var i = 0; i < results.Count; i++)
        {
            var expected = i < Positive.Length ? "positive" : "negative";
            var score = results[i]!["score"]!.GetValue<float>();
            Assert.True(results[i]!["label"]!.GetValue<string>() == expected, $"'{Positive.Concat(Negative).ElementAt(i)}' scored {score}");
            Assert.True(expected == "positive" ? score > 0.7 : score < 0.3, $"'{Positive.Concat(Negative).ElementAt(i)}' scored only {score}");
        }
    }

    [Fact]
    public async Task Explain_gives_one_attribution_per_token()
    {
        var (status, body) = await Client.Post("/v1/sentiment", new { texts = new[] { "A wonderful film, but the ending was awful." }, explain = true });
        Assert.True(status == HttpStatusCode.OK, body.Pretty());
        Assert.Equal("gradient-x-input", body!["attributionMethod"]!.GetValue<string>());
        var tokens = body["results"]![0]!["attributions"]!.AsArray();
        Assert.Equal(["a", "wonderful", "film", ",", "but", "the", "ending", "was", "awful", "."],
            tokens.Select(t => t!["token"]!.GetValue<string>()));
        var weight = (string word) => tokens.First(t => t!["token"]!.GetValue<string>() == word)!["weight"]!.GetValue<float>();
        Assert.True(weight("wonderful") > 0 && weight("awful") < 0, body.Pretty());
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "{\"texts\": []}", "texts" },
        { "{}", "texts" },
        { "{\"texts\": [\"\"]}", "texts[0]" },
        { "{\"texts\": [\"fine\", \"   \"]}", "texts[1]" },
        { "{\"texts\": [\"fine\", null]}", "texts[1]" },
        { $"{{\"texts\": [\"{new string('a', 100_001)}\"]}}", "texts[0]" },
        { $"{{\"texts\": [{string.Join(',', Enumerable.Repeat("\"ok\"", 65))}]}}", "texts" },
        { "{\"texts\": \"just one string\"}", "texts" },
        { "{\"texts\": [1, 2]}", "texts[0]" },
        { "{\"texts\": [\"ok\"], \"explain\": \"yes\"}", "explain" },
        { "{\"texts\": [\"ok\"], \"extra\": 1}", "extra" },
        { "{\"texts\": [\"ok\"], \"model\": \"../etc\"}", "model" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public Task Bad_input_gets_a_400_naming_the_field(string body, string field) =>
        Client.AssertBadRequest("/v1/sentiment", body, field);
}
