using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;
using SeqServe.Core.Sentiment;
using SeqServe.Tests;

namespace SeqServe.Api.Tests.Sentiment;

/// <summary>
/// Long texts are read truncated to the model's window, never refused: the longest IMDB test review (over the old
/// 10,000-character limit) gets a 200 that says <c>truncated</c>, alone and inside a batch of 32 real reviews.
/// </summary>
public class LongTextTests(ShippedSentimentFixture fixture) : IClassFixture<ShippedSentimentFixture>
{
    private HttpClient Client => fixture.Client;

    private static readonly Lazy<IReadOnlyList<Review>> Test = new(() => ImdbDataset.Load(RecipeRunner.Packages).Test);

    private static int Window => new TokenizerSettings().MaxTokens; // sentiment-imdb reads 256 tokens

    [Fact]
    public async Task The_longest_IMDB_test_review_is_scored_truncated_alone_and_in_a_batch_of_32()
    {
        var longest = Test.Value.MaxBy(r => r.Text.Length)!;
        Assert.True(longest.Text.Length > 10_000, $"the longest test review has {longest.Text.Length} characters");
        var tokens = new TextTokenizer(new TokenizerSettings()).Tokenize(longest.Text).Count;
        Assert.True(tokens > Window);

        var (status, alone) = await Client.Post("/v1/sentiment", new { texts = new[] { longest.Text } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {alone.Pretty()}");
        var item = alone!["results"]![0]!;
        Assert.True(item["truncated"]!.GetValue<bool>());
        Assert.Equal(Window, item["tokensUsed"]!.GetValue<int>());

        // The long review among 31 other real test reviews: every one is answered, the long one as when alone.
        var others = Test.Value.Where(r => r != longest).Take(31).Select(r => r.Text).ToList();
        var batch = others.Take(15).Append(longest.Text).Concat(others.Skip(15)).ToArray();
        var (batchStatus, answer) = await Client.Post("/v1/sentiment", new { texts = batch });
        Assert.True(batchStatus == HttpStatusCode.OK, $"{batchStatus}: {answer.Pretty()}");
        var results = answer!["results"]!.AsArray();
        Assert.Equal(32, results.Count);
        Assert.Equal(item["score"]!.GetValue<float>(), results[15]!["score"]!.GetValue<float>(), 1e-5f);
        Assert.True(results[15]!["truncated"]!.GetValue<bool>());
        for (var i = 0; i < batch.Length; i++)
        {
            var count = new TextTokenizer(new TokenizerSettings()).Tokenize(batch[i]).Count;
            Assert.Equal(count > Window, results[i]!["truncated"]!.GetValue<bool>());
            Assert.Equal(Math.Min(count, Window), results[i]!["tokensUsed"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task A_short_text_says_it_was_read_whole()
    {
        var (status, answer) = await Client.Post("/v1/sentiment", new { texts = new[] { "A fine film." }, explain = true });
        Assert.Equal(HttpStatusCode.OK, status);
        var item = answer!["results"]![0]!;
        Assert.False(item["truncated"]!.GetValue<bool>());
        Assert.Equal(4, item["tokensUsed"]!.GetValue<int>());
        Assert.Equal(4, item["attributions"]!.AsArray().Count);
    }

    [Fact]
    public async Task Texts_over_the_safety_limit_are_still_refused_naming_the_limit()
    {
        var (status, problem) = await Client.Post("/v1/sentiment", new { texts = new[] { "fine", new string('a', 100_001) } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("100000", problem!["errors"]!["texts[1]"]![0]!.GetValue<string>());
    }
}
