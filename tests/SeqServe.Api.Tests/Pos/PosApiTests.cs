using System.Net;
using System.Text.Json.Nodes;
using SeqServe.Api.Tests.Infrastructure;

namespace SeqServe.Api.Tests.Pos;

public class PosApiTests(PosApiFixture fixture) : IClassFixture<PosApiFixture>
{
    private HttpClient Client => fixture.Client;

    public static TheoryData<string, string> BadRequests => new()
    {
        // raw JSON body, the field the problem must name
        { "{\"model\": \"pos-tiny\", \"sentences\": [\"\"]}", "sentences[0]" },                         // empty sentence
        { "{\"model\": \"pos-tiny\", \"sentences\": [\"   \"]}", "sentences[0]" },                      // only spaces
        { "{\"model\": \"pos-tiny\", \"tokens\": [[]]}", "tokens[0]" },                                  // no tokens
        { "{\"model\": \"pos-tiny\", \"sentences\": []}", "sentences" },                                 // no sentences
        { "{\"model\": \"pos-tiny\", \"sentences\": [\"Hi.\"], \"tokens\": [[\"Hi\"]]}", "tokens" },    // both
        { "{\"model\": \"pos-tiny\"}", "sentences" },                                                    // neither
        { "{\"model\": \"pos-tiny\", \"sentences\": \"The cat.\"}", "sentences" },                       // not an array
        { "{\"model\": \"pos-tiny\", \"sentences\": [5]}", "sentences[0]" },                             // wrong type
        { "{\"model\": \"pos-tiny\", \"tokens\": [\"The\", \"cat\"]}", "tokens[0]" },                    // flat token list
        { "{\"model\": \"pos-tiny\", \"tokens\": [[\"The\", 7]]}", "tokens[0][1]" },                     // wrong type
        { "{\"model\": \"pos-tiny\", \"tokens\": [[\"a b\"]]}", "tokens[0][0]" },                        // white space in a token
        { "{\"model\": \"pos-tiny\", \"sentences\": [\"Hi.\"], \"extra\": 1}", "extra" },                // unknown field
        { "{\"model\": \"Bad_Name\", \"sentences\": [\"Hi.\"]}", "model" },
        { "{\"model\": \"pos-tiny\", \"sentences\": [\"Hi.\"], ", "body" },                             // malformed JSON
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Bad_requests_get_a_400_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync("/v1/pos", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} → {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonNode.Parse(text)!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey(field), $"expected the problem to name '{field}': {text}");
    }

    [Theory]
    [InlineData("{\"model\": \"pos-tiny\", \"sentences\": [\"ab\\ud800cd\"]}", "sentences[0]")]
    [InlineData("{\"model\": \"pos-tiny\", \"tokens\": [[\"ab\", \"c\\udc00\"]]}", "tokens[0][1]")]
    [InlineData("{\"model\": \"pos-tiny\", \"sentences\": [\"tab\\u0001\"]}", "sentences[0]")]
    public Task Invalid_UTF16_or_control_characters_are_400_naming_the_item(string body, string field) =>
        fixture.Client.AssertBadRequest("/v1/pos", body, field);

    [Fact]
    public async Task A_sentence_over_the_token_window_is_tagged_truncated_and_says_so()
    {
        // Serving:MaxSteps (2000) tokens are tagged; the sentence beside it is read whole.
        var (status, body) = await Client.Post("/v1/pos", new { model = "pos-tiny", tokens = new[] { Enumerable.Repeat("a", 2001).ToArray(), ["The", "cat"] } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body.Pretty()}");
        var results = body!["results"]!.AsArray();
        Assert.True(results[0]!["truncated"]!.GetValue<bool>());
        Assert.Equal(2000, results[0]!["tokensUsed"]!.GetValue<int>());
        Assert.Equal(2000, results[0]!["tokens"]!.AsArray().Count);
        Assert.False(results[1]!["truncated"]!.GetValue<bool>());
        Assert.Equal(2, results[1]!["tokensUsed"]!.GetValue<int>());

        var longText = string.Join(' ', Enumerable.Repeat("a", 2001)) + " end.";
        (status, body) = await Client.Post("/v1/pos", new { model = "pos-tiny", sentences = new[] { longText } });
        Assert.True(status == HttpStatusCode.OK, $"{status}: {body.Pretty()}");
        var tokens = body!["results"]![0]!["tokens"]!.AsArray();
        Assert.True(body["results"]![0]!["truncated"]!.GetValue<bool>());
        Assert.Equal(2000, tokens.Count);
        Assert.Equal(2000 * 2 - 2, tokens[^1]!["start"]!.GetValue<int>()); // offsets still point into the sentence
    }

    [Fact]
    public async Task Too_long_texts_and_too_many_sentences_are_refused_with_the_limit()
    {
        var (status, problem) = await Client.Post("/v1/pos", new { model = "pos-tiny", sentences = new[] { "Hi.", new string('a', 100_001) } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("100000", problem!["errors"]!["sentences[1]"]![0]!.GetValue<string>());

        (status, problem) = await Client.Post("/v1/pos", new { model = "pos-tiny", sentences = Enumerable.Repeat("Hi.", 65).ToArray() });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("64", problem!["errors"]!["sentences"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_model_is_404()
    {
        var (status, _) = await Client.Post("/v1/pos", new { model = "no-such-tagger", sentences = new[] { "Hi." } });
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}
