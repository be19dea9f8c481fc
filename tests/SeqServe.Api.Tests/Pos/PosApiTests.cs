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
    public async Task Too_many_tokens_and_too_many_sentences_are_refused_with_the_limit()
    {
        var (status, problem) = await Client.Post("/v1/pos", new { model = "pos-tiny", tokens = new[] { Enumerable.Repeat("a", 2001).ToArray() } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("2000", problem!["errors"]!["tokens[0]"]![0]!.GetValue<string>());

        var longText = string.Join(' ', Enumerable.Repeat("a", 2001));
        (status, problem) = await Client.Post("/v1/pos", new { model = "pos-tiny", sentences = new[] { longText } });
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("sentences[0]", problem!["errors"]!.AsObject().Select(e => e.Key));

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
